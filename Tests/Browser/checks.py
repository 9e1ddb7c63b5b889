"""What every page of dxtrack must hold to, checked in the browser as it is shown: shared by
e2e.py (the walk through each role's task) and usable against any running dxtrack."""

# Words of the English interface, or of the code, that must not appear in the Vietnamese one.
ENGLISH = ["horizon", "linear", "growth", "CAGR", "dashboard", "target", "baseline", "status", "pending",
           "submitted", "approved", "returned", "draft", "onTrack", "noData", "notDue", "missing", "overdue",
           "Sign in", "Sign out", "Download", "Upload", "Import", "Export", "Campaign", "Ranking", "Emulation",
           "Error", "Not Found", "Forbidden", "null", "undefined", "NaN", "true", "false", "period", "unit",
           "indicator", "value", "dxtrack serve", "dxtrack report", "--template", "yes", "no data"]

PAGE = r"""
const problems = [];
for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
  const labelled = (el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]')) || el.closest('label')
    || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
  if (!labelled) problems.push('input without a label: ' + (el.name || el.id || el.outerHTML.slice(0, 80)));
}
// An icon hidden from screen readers (the bell, inside a link that says what it is) is not a chart.
for (const svg of document.querySelectorAll('svg:not([aria-hidden="true"])')) {
  const title = svg.querySelector(':scope > title');
  if (!title || !title.textContent.trim()) problems.push('chart without a title: ' + svg.outerHTML.slice(0, 80));
}
for (const el of document.querySelectorAll('[src], [href], [action]')) {
  for (const attr of ['src', 'href', 'action']) {
    const v = el.getAttribute(attr);
    if (v && /^(https?:)?\/\//i.test(v) && new URL(v, location.href).host !== location.host) problems.push('outside reference: ' + v);
  }
}
for (const r of performance.getEntriesByType('resource')) {
  if (new URL(r.name).host !== location.host) problems.push('loaded from another host: ' + r.name);
}
const text = (document.body ? document.body.innerText : document.documentElement.textContent).trim();
if (/^[\[{]/.test(text)) problems.push('raw JSON shown: ' + text.slice(0, 80));
if (document.documentElement.lang === 'vi') {
  // The page's text but what is English on purpose (the language switch) and the brand.
  const clone = document.body.cloneNode(true);
  for (const el of clone.querySelectorAll('[lang=en], .brand, code, script, style')) el.remove();
  const words = clone.textContent;
  for (const w of arguments[0]) {
    const re = new RegExp('(^|[^\\p{L}_])' + w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '(?![\\p{L}_])', 'iu');
    const m = words.match(re);
    if (m) {
      const at = words.indexOf(m[0]);
      problems.push('English in the Vietnamese page: "' + w + '" in "' + words.slice(Math.max(0, at - 30), at + 40).replace(/\s+/g, ' ') + '"');
    }
  }
  // A code (snake_case) wherever it stands, glued to the word before it too; an address
  // (e-mail, path) that holds one is not a code shown for a name.
  for (const token of words.match(/[\p{L}\p{N}_.@\/-]*[a-z]+_[a-z0-9_]{3,}[\p{L}\p{N}_.@\/-]*/gu) || []) {
    if (!/[@\/]/.test(token)) { problems.push('a code where a name belongs: ' + token); break; }
  }
}
return problems;
"""

WIDTHS = ((1366, 900, "desktop"), (390, 844, "phone"))


def sideways(driver):
    """How far the page scrolls sideways (0 when it fits the window)."""
    return driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")


def height(driver):
    return driver.execute_script("return document.documentElement.scrollHeight")
