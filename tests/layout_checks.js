// Layout checks the browser tests run in the page (tests/browser_support.py: layout_problems, menu_items).
// Clipped text is judged where a reader must read every word (the header, the menu, the cards), not in Streamlit's
// own scroll containers (tables, code blocks, the main area), which are meant to scroll.

const gmShown = el => {
  const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
  return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.opacity !== '0'
         && !el.closest('[aria-hidden="true"]');
};

const gmName = el => {
  const key = el.closest('[class*="st-key-"]')?.className.match(/st-key-[\w-]+/)?.[0] ?? '';
  const cls = typeof el.className === 'string' ? el.className.match(/gm-[\w-]+/)?.[0] : null;
  return `${key} ${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''}${cls ? '.' + cls : ''}`;
};

const gmText = el => (el.value ?? el.innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 50);

// The nearest ancestor that hides overflow and cuts part of the element's box, if any.
const gmClippedBy = (el, r) => {
  for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
    if (getComputedStyle(up).overflowX === 'visible') continue;
    const box = up.getBoundingClientRect();
    if (r.right > box.right + 1 || r.left < box.left - 1) return up;
  }
  return null;
};

window.gmLayoutProblems = () => {
  const problems = [], vw = window.innerWidth;
  const root = document.documentElement, main = document.querySelector('[data-testid="stMain"]');
  if (root.scrollWidth > vw + 1) problems.push(`the page scrolls sideways (${root.scrollWidth} px > ${vw} px)`);
  if (main && main.scrollWidth > main.clientWidth + 1)
    problems.push(`the main area scrolls sideways (${main.scrollWidth} px > ${main.clientWidth} px)`);

  const bar = document.querySelector('[data-testid="stHeader"]');
  const bg = bar ? getComputedStyle(bar).backgroundColor : 'none';
  if (!/^rgb\(/.test(bg)) problems.push(`the top bar is not opaque (background ${bg})`);

  const scopes = '.st-key-gm-header, [data-testid="stTopNav"], .gm-card, .gm-wi-card, [data-testid="stMetric"]';
  for (const scope of document.querySelectorAll(scopes)) {
    if (!gmShown(scope)) continue;
    for (const el of [scope, ...scope.querySelectorAll('*')]) {
      if (el instanceof SVGElement || !gmShown(el)) continue;
      if (/auto|scroll/.test(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1)
        problems.push(`scrolls sideways: ${gmName(el)} "${gmText(el)}" (${el.scrollWidth} px in ${el.clientWidth} px)`);
      const bearsText = el.tagName === 'INPUT' ? !!el.value
                      : [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (!bearsText) continue;
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
        problems.push(`clipped: ${gmName(el)} "${gmText(el)}" needs ${el.scrollWidth} px, has ${el.clientWidth} px`);
      const r = el.getBoundingClientRect();
      if (r.right > vw + 1 || r.left < -1)
        problems.push(`off screen: ${gmName(el)} "${gmText(el)}" at ${Math.round(r.left)}-${Math.round(r.right)} px`);
      const cut = gmClippedBy(el, r);
      if (cut) problems.push(`cut off: ${gmName(el)} "${gmText(el)}" by ${gmName(cut)}`);
    }
  }

  // A card's value stays on one line: its text boxes share one baseline.
  for (const el of document.querySelectorAll('.gm-row b, .gm-big, .gm-ind-value, .gm-metric, .gm-wi-big, .gm-wi-card b')) {
    if (!gmShown(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(el);
    let lines = 0, bottom = -Infinity;  // a box starting below the line so far starts a new line
    for (const r of [...range.getClientRects()].filter(r => r.width > 0).sort((a, b) => a.top - b.top)) {
      if (r.top >= bottom - 2) lines += 1;
      bottom = r.top >= bottom - 2 ? r.bottom : Math.max(bottom, r.bottom);
    }
    if (lines > 1) problems.push(`wraps: ${gmName(el)} "${gmText(el)}" on ${lines} lines`);
  }
  return problems;
};

window.gmMenuItems = () => {
  const nav = document.querySelector('[data-testid="stTopNav"]');
  if (!nav) return null;
  const items = [...nav.querySelectorAll('[data-testid="stTopNavLink"], [data-testid="stTopNavSection"]')]
    .filter(gmShown)
    .map(el => ({
      kind: el.tagName === 'A' ? 'link' : 'section',
      text: el.innerText.trim().split('\n').pop(),
      path: el.tagName === 'A' ? new URL(el.href).pathname.replace(/^\/|\/$/g, '') : null,
      right: el.getBoundingClientRect().right,
    }));
  const menu = document.querySelector('[data-testid="stMainMenu"]');
  return {items, menuLeft: menu ? menu.getBoundingClientRect().left : window.innerWidth, width: window.innerWidth};
};
