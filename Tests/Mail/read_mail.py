"""Reads the messages an SMTP test server kept, as a mail client does (Python's email
package, policy default: RFC 2047 words decoded, MIME parts and charsets honoured), and
prints them as JSON: what a person would see.

    python3 read_mail.py SPOOL
"""
import email, email.policy, json, pathlib, sys

out = []
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.eml")):
    raw = path.read_bytes()
    m = email.message_from_bytes(raw, policy=email.policy.default)
    text = m.get_body(preferencelist=("plain",))
    html = m.get_body(preferencelist=("html",))
    out.append({
        "rcpt": path.with_suffix(".rcpt").read_text().split("\n"),
        "from": str(m["From"]),
        "to": str(m["To"]),
        "subject": str(m["Subject"]),
        "date": str(m["Date"]),
        "type": m.get_content_type(),
        "defects": [type(d).__name__ for part in m.walk() for d in part.defects] + [type(d).__name__ for d in m.defects],
        "text": text.get_content() if text else None,
        "html": html.get_content() if html else None,
        "longest_line": max(len(line) for line in raw.split(b"\r\n")),
    })
print(json.dumps(out, ensure_ascii=False))
