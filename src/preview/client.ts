/**
 * What the browser gets besides the pages: the stylesheet (inline in each page)
 * and the live-reload script (served at /assets/preview.js, so the pages need no
 * inline script and the Content-Security-Policy allows only this one).
 */

/**
 * Live reload: listens to /events (server-sent events); when the project was
 * compiled again, fetches the page's fragment (with the pasted data, if any) and
 * swaps it into #view without reloading, keeping the iframes' heights so the page
 * does not jump.
 */
export const CLIENT_SCRIPT = String.raw`(() => {
  'use strict';
  const body = document.body;
  let version = Number(body.dataset.version || 0);
  const live = document.getElementById('live');
  const setLive = (text, state) => {
    if (!live) return;
    live.textContent = text;
    live.dataset.state = state;
  };
  const fit = (frame) => {
    try {
      const doc = frame.contentDocument;
      if (!doc || !doc.body) return;
      const style = doc.defaultView.getComputedStyle(doc.body);
      const height = doc.body.scrollHeight + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
      frame.style.height = Math.max(120, Math.ceil(height)) + 'px';
    } catch (error) {
      /* a frame of another origin keeps its height */
    }
  };
  // A frame wider than the room it has (the 640 px desktop one on a phone) is zoomed
  // out as a whole: the email keeps its layout at the frame's width, only smaller.
  const scale = (frame) => {
    const figure = frame.closest('.frame');
    const frames = frame.closest('.frames');
    if (!figure || !frames) return;
    const style = getComputedStyle(figure);
    const chrome = ['paddingLeft', 'paddingRight', 'borderLeftWidth', 'borderRightWidth'].reduce((sum, key) => sum + parseFloat(style[key]), 0);
    const width = Number(frame.getAttribute('width')) || frame.offsetWidth;
    const ratio = Math.min(1, (frames.clientWidth - chrome) / width);
    frame.style.zoom = ratio < 1 ? String(Math.floor(ratio * 1000) / 1000) : '';
  };
  const scaleAll = () => {
    for (const frame of document.querySelectorAll('iframe[data-fit]')) scale(frame);
  };
  window.addEventListener('resize', scaleAll);
  const wire = (root, heights) => {
    for (const frame of root.querySelectorAll('iframe[data-fit]')) {
      scale(frame);
      const kept = heights && heights.get(frame.dataset.fit);
      if (kept) frame.style.height = kept;
      frame.addEventListener('load', () => fit(frame));
      if (frame.contentDocument && frame.contentDocument.readyState === 'complete') fit(frame);
    }
  };
  let busy = false;
  let again = false;
  const refresh = async (why) => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const url = body.dataset.fragment;
      const view = document.getElementById('view');
      if (!url || !view) return;
      const pasted = document.getElementById('pasted-data');
      const init = pasted
        ? { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ data: pasted.value }) }
        : { method: 'GET' };
      const response = await fetch(url, init);
      const markup = await response.text();
      const heights = new Map([...view.querySelectorAll('iframe[data-fit]')].map((f) => [f.dataset.fit, f.style.height]));
      view.innerHTML = markup;
      version = Number(response.headers.get('x-dunmail-version')) || version;
      body.dataset.version = String(version);
      wire(view, heights);
      setLive('updated ' + new Date().toLocaleTimeString() + (why ? ' (' + why + ')' : ''), response.ok ? 'live' : 'error');
    } catch (error) {
      setLive('could not refresh: ' + error.message, 'error');
    } finally {
      busy = false;
      if (again) {
        again = false;
        refresh(why);
      }
    }
  };
  wire(document);
  const events = new EventSource('/events');
  events.addEventListener('hello', (event) => {
    const next = JSON.parse(event.data).version;
    setLive('live', 'live');
    if (next !== version) refresh('reconnected');
  });
  events.addEventListener('change', (event) => {
    const info = JSON.parse(event.data);
    if (info.version !== version) refresh((info.files || []).slice(0, 3).join(', '));
  });
  events.addEventListener('error', () => setLive('reconnecting…', 'off'));
})();
`;

export const STYLES = `
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9dee3; --bg: #f4f5f7; --panel: #ffffff; --accent: #1849a9;
  --error: #b42318; --warn: #8a5a00; --ok: #146c43; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); font-size: 15px; line-height: 1.45; overflow-wrap: break-word; }
a { color: var(--accent); }
.bar { display: flex; align-items: center; gap: 16px; padding: 10px 20px; background: #0b1f44; color: #fff; }
.bar .brand { color: #fff; font-weight: 700; text-decoration: none; }
.live { margin-left: auto; font-size: 13px; padding: 2px 10px; border-radius: 999px; background: #33415c; }
.live[data-state="live"] { background: #146c43; }
.live[data-state="error"] { background: var(--error); }
main { padding: 16px 20px 40px; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; margin: 0 0 16px; }
.panel h1 { margin: 0 0 4px; font-size: 22px; }
.panel h2 { margin: 0 0 10px; font-size: 16px; }
.muted { color: var(--muted); font-weight: normal; }
.small { font-size: 13px; }
.chip { display: inline-block; font-size: 12px; padding: 1px 8px; border-radius: 999px; background: #e4e7eb; color: var(--ink); vertical-align: middle; }
.chip.late { background: #fde2e1; color: var(--error); }
.chip.not-late { background: #def7ec; color: var(--ok); }
.badge { font-size: 12px; padding: 1px 8px; border-radius: 4px; margin-left: 4px; }
.badge.ok { background: #def7ec; color: var(--ok); }
.badge.warn { background: #fff4ce; color: var(--warn); }
.badge.error { background: #fde2e1; color: var(--error); }
ul.plain, ol.timeline, ol.messages, ul.locales { list-style: none; margin: 0; padding: 0; }
.timeline .stage { padding: 12px 0; border-top: 1px solid var(--line); }
.timeline .stage:first-child { border-top: 0; }
.stage-head { display: flex; flex-wrap: wrap; gap: 10px; align-items: baseline; }
.stage-id { font-weight: 700; font-size: 16px; min-width: 140px; }
.offset { font-variant-numeric: tabular-nums; min-width: 220px; }
.track { position: relative; height: 10px; margin: 8px 0; background: #eef0f3; border-radius: 5px; }
.track .segment { position: absolute; top: 0; height: 10px; border-radius: 5px; background: var(--accent); }
.track .segment.open { background: linear-gradient(90deg, var(--accent), rgba(24, 73, 169, 0.15)); }
.track .due { position: absolute; top: -4px; width: 2px; height: 18px; background: var(--error); }
.tone-gentle .segment { background: #3f9142; } .tone-friendly .segment { background: #2f7dd1; }
.tone-firm .segment { background: #c77700; } .tone-urgent .segment { background: #c0392b; } .tone-formal .segment { background: #4a4a68; }
.description { margin: 4px 0 6px; font-size: 14px; }
.locales { display: flex; flex-wrap: wrap; gap: 6px 18px; }
.locales .missing { color: var(--muted); font-style: italic; }
.switcher .row, .row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 0; }
.switcher details { margin-top: 10px; }
.switcher textarea { width: 100%; font: 13px/1.4 ui-monospace, Menlo, Consolas, monospace; margin: 8px 0; }
button { font: inherit; padding: 4px 12px; border-radius: 6px; border: 1px solid #8895a7; background: #fff; cursor: pointer; }
select { font: inherit; padding: 3px 6px; }
.inbox { display: flex; flex-direction: column; gap: 10px; }
.inbox-row { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; background: #fff; }
.inbox-row.wide { display: flex; gap: 12px; align-items: center; white-space: nowrap; overflow: hidden; }
.inbox-row .avatar { flex: none; width: 28px; height: 28px; border-radius: 50%; background: var(--accent); color: #fff; display: grid; place-items: center; font-weight: 700; }
.inbox-row .from { font-weight: 700; flex: none; max-width: 200px; overflow: hidden; text-overflow: ellipsis; }
.inbox-row .snippet { flex: 1; overflow: hidden; text-overflow: ellipsis; }
.inbox-row .preheader { color: var(--muted); }
.inbox-row .date { flex: none; color: var(--muted); font-size: 13px; }
.inbox-row.narrow { max-width: 375px; }
.inbox-row.narrow .line { display: flex; justify-content: space-between; }
.inbox-row.narrow .subject, .inbox-row.narrow .preheader { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.inbox-row.narrow .preheader { white-space: normal; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; }
.frames { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; margin-bottom: 16px; }
.frame { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px; max-width: 100%; overflow: hidden; }
.frame figcaption { font-size: 13px; color: var(--muted); margin-bottom: 6px; }
.frame iframe { display: block; border: 0; background: #fff; }
.side { flex: 1; min-width: 280px; max-width: 720px; }
.messages .message { padding: 8px 0; border-top: 1px solid var(--line); }
.messages .message:first-child { border-top: 0; }
.message-head { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; }
.message .where { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
.message .severity { font-size: 12px; font-weight: 700; text-transform: uppercase; }
.message.error .severity { color: var(--error); } .message.warning .severity { color: var(--warn); }
.message .rule { margin-left: auto; font-size: 13px; }
.message .reason { margin-top: 2px; }
.message .expected, .message .note { font-size: 13px; margin-top: 2px; }
.message .note { color: var(--muted); }
.ok-text { color: var(--ok); }
.words table { border-collapse: collapse; }
.words th { text-align: left; font-weight: normal; padding: 2px 14px 2px 0; }
.words td { padding: 2px 14px 2px 0; font-variant-numeric: tabular-nums; }
.words td.bad { color: var(--error); font-weight: 700; }
.text-part { white-space: pre-wrap; font: 13px/1.5 ui-monospace, Menlo, Consolas, monospace; max-width: 80ch; margin: 0; }
.problem { border-color: #f1aeb5; background: #fff5f5; }
.problem h2 { color: var(--error); }
.problem .place { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: 700; margin: 0 0 6px; }
.error-text, .excerpt { white-space: pre-wrap; font: 13px/1.5 ui-monospace, Menlo, Consolas, monospace; margin: 6px 0; }
.excerpt { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 6px 0; white-space: pre; overflow-x: auto; }
.code-line { display: block; padding: 0 10px; }
.code-line.hit { background: #fde2e1; }
.code-line.caret { color: var(--error); font-weight: 700; }
.code-line .ln { display: inline-block; width: 3.5em; color: var(--muted); user-select: none; }
@media (max-width: 480px) {
  main { padding: 10px 8px 32px; }
  .bar { padding: 10px 12px; }
  .panel { padding: 12px; }
  .frame { padding: 4px; }
  .stage-id, .offset { min-width: 0; }
}
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`;
