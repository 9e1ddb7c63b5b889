#!/usr/bin/env python3
"""dxtrack(1), from the command tree the binary describes itself (--experimental-dump-help).

Every command and subcommand with its abstract, discussion and options, Vietnamese and
English as `--help` says them. Characters outside ASCII are written as groff's \\[uXXXX]
escapes, so the diacritics survive any locale the reader's man runs in.

    dxtrack --experimental-dump-help | packaging/manpage.py VERSION DATE > dxtrack.1
"""
import json
import sys


def roff(text):
    text = text.replace("\\", "\\e")
    lines = []
    for line in text.split("\n"):
        # A line starting with . or ' would be read as a request.
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "".join(c if ord(c) < 128 else "\\[u%04X]" % ord(c) for c in "\n".join(lines)).replace("-", "\\-")


def flag(argument):
    names = [("--" if n["kind"] == "long" else "-") + n["name"] for n in argument.get("names", [])]
    if argument["kind"] == "positional":
        return "<%s>" % argument.get("valueName", "value")
    value = " <%s>" % argument["valueName"] if argument["kind"] == "option" and "valueName" in argument else ""
    return ", ".join(names) + value


def command(c, path, out):
    if not c.get("shouldDisplay", True):
        return
    name = " ".join(path)
    out.append(".SH %s" % roff(name.upper()) if len(path) <= 2 else ".SS %s" % roff(name))
    if c.get("abstract"):
        out.append(roff(c["abstract"]))
    if c.get("discussion"):
        out.append(".PP")
        out.append(roff(c["discussion"]))
    for argument in c.get("arguments", []):
        if not argument.get("shouldDisplay", True) or argument.get("preferredName", {}).get("name") in ("help", "version"):
            continue
        out.append(".TP")
        out.append("\\fB%s\\fR" % roff(flag(argument)))
        out.append(roff(argument.get("abstract", "")))
    for sub in c.get("subcommands", []):
        command(sub, path + [sub["commandName"]], out)


def main():
    version, date = sys.argv[1], sys.argv[2]
    tool = json.load(sys.stdin)["command"]
    out = ['.TH DXTRACK 1 "%s" "dxtrack %s" "dxtrack"' % (date, version), ".SH NAME", "dxtrack \\- " + roff(tool["abstract"]),
           ".SH SYNOPSIS", "\\fBdxtrack\\fR \\fIsubcommand\\fR [\\fIoptions\\fR]", ".SH DESCRIPTION", roff(tool.get("discussion", "")),
           ".PP", roff("Mỗi lệnh dưới đây; dxtrack LỆNH --help nói cùng nội dung. / Each command below; dxtrack COMMAND --help says the same."),
           ".SH FILES", "/etc/dxtrack/dxtrack.yaml, /etc/dxtrack/environment, /var/lib/dxtrack"]
    for sub in tool.get("subcommands", []):
        command(sub, ["dxtrack", sub["commandName"]], out)
    out += [".SH SEE ALSO", "/usr/share/doc/dxtrack/README.md"]
    print("\n".join(out))


main()
