/// The files every page links to besides its stylesheet, served by dxtrack itself (no CDN):
/// the one small script, which only adds to a page that works without it, and the icon.
enum Assets {
    /// Shows the share a numerator and a denominator make while they are typed, read as
    /// people type numbers ("1.000", "37,8"), in each `output.computed-share` of the page.
    /// The server still reads and checks every figure; this is a preview.
    static let script = """
    "use strict";
    (function () {
      function parse(text) {
        var s = text.replace(/[\\s\\u00a0]/g, "").replace(/%$/, "");
        var negative = /^[-\\u2212]/.test(s);
        s = s.replace(/^[-+\\u2212]/, "");
        var whole = /^(\\d{1,3}(\\.\\d{3})*|\\d+)$/;
        var x = null;
        if (/^[^,]*,\\d*$/.test(s)) {
          var parts = s.split(",");
          if (whole.test(parts[0])) x = Number(parts[0].replace(/\\./g, "") + "." + (parts[1] || "0"));
        } else if (/^\\d{1,3}(\\.\\d{3})+$/.test(s)) {
          x = Number(s.replace(/\\./g, ""));
        } else if (/^\\d+(\\.\\d+)?$/.test(s)) {
          x = Number(s);
        }
        return x === null || !isFinite(x) ? null : (negative ? -x : x);
      }
      function format(x, decimals) {
        var fixed = Math.abs(x).toFixed(decimals).split(".");
        var grouped = fixed[0].replace(/\\B(?=(\\d{3})+(?!\\d))/g, ".");
        return (x < 0 ? "-" : "") + grouped + (fixed[1] ? "," + fixed[1] : "");
      }
      document.querySelectorAll("output.computed-share").forEach(function (out) {
        var ids = (out.getAttribute("for") || "").split(" ");
        var n = document.getElementById(ids[0]), d = document.getElementById(ids[1]);
        if (!n || !d) return;
        function update() {
          var a = parse(n.value), b = parse(d.value);
          out.textContent = a === null || b === null || b === 0 ? "" :
            "= " + format(a / b * Number(out.dataset.scale), Number(out.dataset.decimals)) + out.dataset.suffix;
        }
        n.addEventListener("input", update);
        d.addEventListener("input", update);
      });
    })();
    """

    /// A blue square with a rising line: dxtrack's icon in the tab.
    static let favicon = """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b5cad"/>\
    <path d="M6 23l7-7 5 4 8-10" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>
    """
}
