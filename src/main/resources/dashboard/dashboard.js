// igstream dashboard: polls the JSON endpoints every 2 s and draws plain DOM and SVG.
// Every number shown carries its exact JSON value in a data-value attribute (tests compare them).
'use strict';

const POLL_MS = 2000;
const BARS_PER_EVENT = 8;
const EVENTS_SHOWN = 6;
const DRIFT_LINES = 6;
const PALETTE = ['#c0392b', '#2563eb', '#15803d', '#9333ea', '#d97706', '#0f766e', '#be185d',
  '#4b5563'];
const SVG = 'http://www.w3.org/2000/svg';

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function exact(v) {
  return v === null || v === undefined ? 'null' : String(v);
}

function fmt(v, kind) {
  if (v === null || v === undefined) return '–';
  if (kind === 'int') return Math.round(v).toLocaleString('en-US');
  if (kind === 'rate') return v.toFixed(1);
  if (kind === 'err') return v === 0 ? '0' : v.toExponential(2);
  return v.toFixed(3);
}

// A number with its exact value: <span class="num" data-metric=... data-value=...>.
function num(metric, v, kind) {
  return el('span', {class: 'num', 'data-metric': metric, 'data-value': exact(v)}, fmt(v, kind));
}

async function getJson(path) {
  const r = await fetch(path, {credentials: 'same-origin', cache: 'no-store'});
  if (!r.ok) throw new Error(path + ' answered HTTP ' + r.status);
  return r.json();
}

function renderSummary(s) {
  const t = s.total;
  const tiles = document.getElementById('tiles');
  const rows = [
    ['events/s', 'eventsPerSecond', t.eventsPerSecond, 'rate'],
    ['|completeness error| p50', 'completenessP50', t.completeness.p50, 'err'],
    ['|completeness error| p95', 'completenessP95', t.completeness.p95, 'err'],
    ['|completeness error| max', 'completenessMax', t.completeness.max, 'err'],
    ['explained', 'eventsOut', t.eventsOut, 'int'],
    ['dead-lettered', 'deadLettered', t.deadLettered, 'int'],
    ['alerts', 'alerts', t.alerts, 'int'],
    ['instances reachable', 'reachable', t.reachable, 'int'],
  ];
  tiles.replaceChildren(...rows.map(([label, metric, v, kind]) => {
    const tile = el('div', {class: 'tile'});
    tile.append(el('div', {class: 'label'}, label), num(metric, v, kind));
    return tile;
  }));
  tiles.setAttribute('data-samples', exact(t.completeness.samples));
  const body = document.querySelector('#instances tbody');
  body.replaceChildren(...s.instances.map(i => {
    const tr = el('tr', {'data-instance': i.instance, 'data-reachable': String(i.reachable)});
    tr.append(el('td', {}, i.instance));
    if (!i.reachable) {
      const td = el('td', {colspan: '6', class: 'unreachable'}, 'unreachable: ' + i.error);
      tr.append(td);
      return tr;
    }
    const cell = (metric, v, kind) => { const td = el('td'); td.append(num(metric, v, kind)); return td; };
    tr.append(el('td', {}, i.state),
      cell('eventsPerSecond', i.eventsPerSecond, 'rate'), cell('eventsOut', i.eventsOut, 'int'),
      cell('deadLettered', i.deadLettered, 'int'), cell('alerts', i.alerts, 'int'),
      cell('completenessP95', i.completeness.p95, 'err'));
    return tr;
  }));
}

function bars(features) {
  const top = features.slice().sort((a, b) => Math.abs(b.attribution) - Math.abs(a.attribution))
    .slice(0, BARS_PER_EVENT);
  const max = Math.max(1e-12, ...top.map(f => Math.abs(f.attribution)));
  const rowH = 16, labelW = 150, barW = 95, valueW = 60;
  const width = labelW + 2 * barW + valueW, height = rowH * top.length + 4;
  // viewBox + width 100%: the chart scales to its card instead of overflowing it.
  const g = svg('svg', {viewBox: '0 0 ' + width + ' ' + height, width: '100%', class: 'bars',
    role: 'img'});
  const mid = labelW + barW;
  g.append(svg('line', {x1: mid, x2: mid, y1: 0, y2: rowH * top.length, stroke: '#9ca3af'}));
  top.forEach((f, i) => {
    const y = i * rowH + 2;
    const w = Math.abs(f.attribution) / max * barW;
    const label = f.value === undefined ? f.name : f.name + ' = ' + fmt(f.value);
    g.append(svg('text', {x: 0, y: y + 11}, label));
    const rect = svg('rect', {
      class: 'bar ' + (f.attribution >= 0 ? 'up' : 'down'), 'data-feature': f.name,
      'data-value': exact(f.attribution), x: f.attribution >= 0 ? mid : mid - w, y: y,
      width: Math.max(w, 0.5), height: rowH - 4});
    if (f.value !== undefined) rect.setAttribute('data-feature-value', exact(f.value));
    g.append(rect);
    g.append(svg('text', {x: mid + barW + 4, y: y + 11}, (f.attribution >= 0 ? '+' : '') +
      f.attribution.toFixed(4)));
  });
  return g;
}

function renderLatest(latest) {
  const box = document.getElementById('events');
  const items = latest.items.slice(0, EVENTS_SHOWN);
  if (items.length === 0) {
    box.replaceChildren(el('p', {class: 'empty'}, 'no explained events yet'));
    return;
  }
  box.replaceChildren(...items.map(a => {
    const card = el('div', {class: 'event' + (a.alert ? ' alerting' : ''), 'data-id': a.id,
      'data-instance': a.instance});
    const head = el('div', {class: 'head'});
    head.append(el('strong', {}, a.id + (a.alert ? ' (alert)' : '')));
    const pred = el('span', {}, 'F(x) ');
    pred.append(num('prediction', a.prediction, 'p'));
    head.append(pred);
    const meta = el('div', {class: 'meta'});
    meta.append('completeness error ', num('completenessError', a.completenessError, 'err'),
      ' · ' + a.steps + ' steps · ' + a.model + (a.modelVersion ? ' v' + a.modelVersion : '') +
      ' · ' + a.instance);
    card.append(head, meta, bars(a.features));
    return card;
  }));
}

function renderAlerts(alerts) {
  const body = document.querySelector('#alert-table tbody');
  if (alerts.items.length === 0) {
    body.replaceChildren(el('tr', {}, ''));
    body.firstChild.append(el('td', {colspan: '6', class: 'empty'}, 'no alerts yet'));
    return;
  }
  body.replaceChildren(...alerts.items.map(a => {
    const tr = el('tr', {class: 'alert-row', 'data-id': a.id, 'data-instance': a.instance});
    const score = el('td');
    score.append(num('alertScore', a.alertScore, 'p'));
    const threshold = el('td');
    threshold.append(num('alertThreshold', a.alertThreshold, 'p'));
    const reasons = el('td');
    if (a.reasons.length === 0) {
      reasons.append(el('span', {class: 'empty'}, a.noReasonExplanation || 'no reasons'));
    } else {
      const ul = el('ul', {class: 'reasons'});
      a.reasons.forEach(r => {
        const li = el('li', {'data-code': r.code, 'data-rank': String(r.rank)});
        li.append(r.code + ' ' + r.text + ' ', num('contribution', r.contribution, 'p'));
        ul.append(li);
      });
      reasons.append(ul);
    }
    tr.append(el('td', {}, a.id), el('td', {}, a.model), score, threshold, reasons,
      el('td', {}, a.explainedAt || ''));
    return tr;
  }));
}

function driftChart(model) {
  const windows = model.windows;
  const names = model.featureNames;
  const last = windows[windows.length - 1];
  const order = names.map((n, i) => [n, last.share[i] || 0]).sort((a, b) => b[1] - a[1])
    .slice(0, DRIFT_LINES).map(([n]) => names.indexOf(n));
  const W = 900, H = 220, left = 40, right = 10, top = 10, bottom = 24;
  const t0 = windows[0].windowStartMillis;
  const t1 = Math.max(last.windowEndMillis, t0 + 1);
  const x = t => left + (t - t0) / (t1 - t0) * (W - left - right);
  const maxShare = Math.max(0.05, ...windows.flatMap(w => order.map(i => w.share[i] || 0)));
  const y = s => top + (1 - s / maxShare) * (H - top - bottom);
  const g = svg('svg', {viewBox: '0 0 ' + W + ' ' + H, width: '100%', class: 'drift-chart',
    'data-model': model.model});
  g.append(svg('line', {x1: left, x2: W - right, y1: H - bottom, y2: H - bottom, stroke: '#9ca3af'}));
  g.append(svg('text', {x: 0, y: y(maxShare) + 4}, (maxShare * 100).toFixed(0) + '%'));
  g.append(svg('text', {x: 0, y: H - bottom}, '0%'));
  windows.filter(w => w.alert).forEach(w => {
    const cx = x((w.windowStartMillis + w.windowEndMillis) / 2);
    const marker = svg('line', {class: 'drift-marker', x1: cx, x2: cx, y1: top, y2: H - bottom,
      'data-window-start': w.windowStart, 'data-window-start-millis': String(w.windowStartMillis),
      'data-jensen-shannon': exact(w.jensenShannon)});
    marker.append(svg('title', {}, 'drift alert ' + w.windowStart + ': ' +
      (w.alertReasons.join('; ') || 'thresholds crossed')));
    g.append(marker);
  });
  order.forEach((i, k) => {
    const pts = windows.filter(w => w.share[i] !== null)
      .map(w => x((w.windowStartMillis + w.windowEndMillis) / 2).toFixed(1) + ',' +
        y(w.share[i]).toFixed(1));
    g.append(svg('polyline', {class: 'share', points: pts.join(' '), stroke: PALETTE[k],
      'data-feature': names[i]}));
  });
  const legend = el('div', {class: 'legend'});
  order.forEach((i, k) => {
    const item = el('span', {'data-feature': names[i]});
    const swatch = el('span', {class: 'swatch'});
    swatch.style.background = PALETTE[k];
    item.append(swatch, names[i] + ' ', num('share', last.share[i], 'p'));
    legend.append(item);
  });
  const alerts = windows.filter(w => w.alert).length;
  const box = el('div', {class: 'drift-model', 'data-model': model.model,
    'data-windows': String(windows.length), 'data-alerts': String(alerts)});
  box.append(el('h3', {}, model.model + ' — ' + windows.length + ' windows, ' + alerts +
    ' drift alert' + (alerts === 1 ? '' : 's')), g, legend);
  return box;
}

function renderDrift(drift) {
  const box = document.getElementById('drift-models');
  if (!drift.available) {
    box.replaceChildren(el('p', {class: 'empty'}, 'drift history unavailable: ' +
      drift.unavailableBecause));
    return;
  }
  const models = drift.models.filter(m => m.windows.length > 0);
  if (models.length === 0) {
    box.replaceChildren(el('p', {class: 'empty'}, 'no closed drift windows yet'));
    return;
  }
  box.replaceChildren(...models.map(driftChart));
}

function setStatus(state, text) {
  const s = document.getElementById('status');
  s.setAttribute('data-state', state);
  s.textContent = text;
}

async function refresh() {
  try {
    const [summary, latest, alerts, drift] = await Promise.all([
      getJson('api/summary'), getJson('api/attributions/latest'), getJson('api/alerts/recent'),
      getJson('api/drift')]);
    renderSummary(summary);
    renderLatest(latest);
    renderAlerts(alerts);
    renderDrift(drift);
    const unreachable = summary.total.instances - summary.total.reachable;
    setStatus(unreachable > 0 ? 'error' : 'live', 'updated ' + new Date().toLocaleTimeString() +
      (unreachable > 0 ? ' — ' + unreachable + ' instance(s) unreachable' : ''));
    document.body.setAttribute('data-rendered', summary.generatedAt);
  } catch (e) {
    setStatus('error', String(e.message || e));
  }
}

refresh();
setInterval(refresh, POLL_MS);
