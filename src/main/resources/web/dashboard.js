// feedback-pulse dashboard: polls the query API and draws, per channel, label shares over time,
// the Jensen-Shannon distance against its threshold, mean confidence and the complaint reasons of its alerts; lists
// model quality, drift events and alerts (with their reasons), and the training pipeline's runs step by step.
(function () {
  'use strict';
  var REFRESH_MS = 3000;
  var LABELS = ['negative', 'neutral', 'positive'];
  var COLORS = { negative: '#d9534f', neutral: '#aab2bd', positive: '#5cb85c' };
  var PALETTE = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc',
    '#8c8c8c'];
  // reasonNames: in the order first seen, so that a reason keeps its colour across channels and refreshes
  var state = { info: null, charts: {}, reasonCharts: {}, reasonNames: [], lastRefresh: null, refreshes: 0 };
  window.feedbackPulse = state; // for people and browser tests poking at the page

  function getJson(path) {
    return fetch(path, { cache: 'no-store' }).then(function (r) {
      return r.json().then(function (body) { return { status: r.status, body: body }; });
    });
  }

  function time(iso) { return Date.parse(iso); }

  function jsThreshold(info, driftEvents) {
    var settings = (info && info.drift) || {};
    for (var key in settings) {
      if (/(^|[.-])(js|jensen)/i.test(key) && !isNaN(parseFloat(settings[key]))) {
        return parseFloat(settings[key]);
      }
    }
    for (var i = 0; i < driftEvents.length; i++) {
      if (/js|jensen/i.test(driftEvents[i].statistic)) { return driftEvents[i].threshold; }
    }
    return null;
  }

  function chartBox(row, id) {
    var div = document.createElement('div');
    div.className = 'chart';
    div.id = id;
    row.appendChild(div);
    return echarts.init(div);
  }

  function ensureCharts(channel) {
    if (state.charts[channel]) { return state.charts[channel]; }
    var row = document.createElement('div');
    row.className = 'channel';
    row.dataset.channel = channel;
    var name = document.createElement('div');
    name.className = 'name';
    name.textContent = channel;
    row.appendChild(name);
    document.getElementById('channels').appendChild(row);
    var charts = {
      shares: chartBox(row, 'shares-' + channel),
      drift: chartBox(row, 'drift-' + channel),
      confidence: chartBox(row, 'confidence-' + channel)
    };
    var base = { animation: false, grid: { left: 45, right: 15, top: 28, bottom: 25 },
      xAxis: { type: 'time', splitNumber: 4, axisLabel: { hideOverlap: true, formatter: '{HH}:{mm}:{ss}' } },
      tooltip: { trigger: 'axis' } };
    charts.shares.setOption(Object.assign({}, base, {
      title: { text: 'label shares', textStyle: { fontSize: 12 } },
      yAxis: { type: 'value', min: 0, max: 1 },
      series: LABELS.map(function (label) {
        return { name: label, type: 'line', stack: 'shares', areaStyle: {}, showSymbol: false,
          color: COLORS[label], data: [] };
      })
    }));
    charts.drift.setOption(Object.assign({}, base, {
      title: { text: 'JS distance', textStyle: { fontSize: 12 } },
      yAxis: { type: 'value', min: 0 },
      series: [{ name: 'JS distance', type: 'line', data: [], color: '#337ab7' }]
    }));
    charts.confidence.setOption(Object.assign({}, base, {
      title: { text: 'mean confidence', textStyle: { fontSize: 12 } },
      yAxis: { type: 'value', min: 0, max: 1 },
      series: [{ name: 'mean confidence', type: 'line', data: [], color: '#8e44ad' }]
    }));
    state.charts[channel] = charts;
    return charts;
  }

  function reasonColor(name) {
    var i = state.reasonNames.indexOf(name);
    if (i < 0) { i = state.reasonNames.push(name) - 1; }
    return PALETTE[i % PALETTE.length];
  }

  function reasonLabel(text, title) {
    var span = document.createElement('span');
    span.className = 'reason';
    span.textContent = text;
    if (title) { span.title = title; }
    return span;
  }

  function ensureReasonChart(channel) {
    if (state.reasonCharts[channel]) { return state.reasonCharts[channel]; }
    var row = document.createElement('div');
    row.className = 'reason-channel';
    row.dataset.channel = channel;
    var name = document.createElement('div');
    name.className = 'name';
    name.textContent = channel;
    row.appendChild(name);
    document.getElementById('reason-channels').appendChild(row);
    var chart = chartBox(row, 'reasons-' + channel);
    var totals = document.createElement('div');
    totals.className = 'reason-totals';
    totals.id = 'reason-totals-' + channel;
    row.appendChild(totals);
    chart.setOption({ animation: false, grid: { left: 45, right: 15, top: 28, bottom: 25 },
      title: { text: 'alerts per reason', textStyle: { fontSize: 12 } },
      legend: { type: 'scroll', left: 130, right: 10, top: 2, textStyle: { fontSize: 10 } },
      xAxis: { type: 'time', splitNumber: 4, axisLabel: { hideOverlap: true, formatter: '{HH}:{mm}:{ss}' } },
      yAxis: { type: 'value', min: 0, minInterval: 1 }, tooltip: { trigger: 'axis' }, series: [] });
    state.reasonCharts[channel] = { chart: chart, totals: totals };
    return state.reasonCharts[channel];
  }

  // Stacked bars of each window's reason counts, and the totals over those windows, most given first.
  function drawReasons(channel, windows) {
    var view = ensureReasonChart(channel);
    var totals = {};
    windows.forEach(function (w) {
      Object.keys(w.reasons).forEach(function (r) { totals[r] = (totals[r] || 0) + w.reasons[r]; });
    });
    var names = Object.keys(totals).sort(function (a, b) { return totals[b] - totals[a] || (a < b ? -1 : 1); });
    var withReasons = windows.filter(function (w) { return Object.keys(w.reasons).length > 0; });
    view.chart.setOption({ series: names.map(function (r) {
      return { name: r, type: 'bar', stack: 'reasons', color: reasonColor(r), barMaxWidth: 14,
        data: withReasons.map(function (w) { return [w.end, w.reasons[r] || 0]; }) };
    }) }, { replaceMerge: ['series'] });
    view.totals.replaceChildren();
    if (names.length === 0) {
      view.totals.textContent = 'no alerts with reasons in these windows';
    }
    names.forEach(function (r) { view.totals.appendChild(reasonLabel(r + ' ' + totals[r])); });
  }

  // One point per window start: open windows from the store, closed ones (with drift statistics) from the topic.
  function windowsByChannel(open, closed) {
    var byChannel = {};
    function put(w, isClosed) {
      var windows = byChannel[w.channel] || (byChannel[w.channel] = {});
      var start = time(w.windowStart);
      if (!isClosed && windows[start] && windows[start].closed) { return; }
      windows[start] = { start: start, end: time(w.windowEnd), shares: w.shares, total: w.total,
        meanConfidence: w.meanConfidence, js: w.drift ? w.drift.jensenShannonDistance : null,
        reasons: w.reasons || {}, closed: isClosed };
    }
    open.forEach(function (w) { put(w, false); });
    closed.forEach(function (w) { put(w, true); });
    var out = {};
    Object.keys(byChannel).forEach(function (channel) {
      out[channel] = Object.values(byChannel[channel])
        .filter(function (w) { return w.total > 0; })
        .sort(function (a, b) { return a.start - b.start; });
    });
    return out;
  }

  function draw(channel, windows, threshold) {
    var charts = ensureCharts(channel);
    charts.shares.setOption({ series: LABELS.map(function (label) {
      return { name: label, data: windows.map(function (w) { return [w.end, w.shares[label]]; }) };
    }) });
    var js = windows.filter(function (w) { return w.js !== null; });
    charts.drift.setOption({ series: [{
      data: js.map(function (w) { return [w.end, w.js]; }),
      markLine: threshold === null ? { data: [] } : { symbol: 'none', lineStyle: { color: '#d9534f', type: 'dashed' },
        label: { formatter: 'threshold ' + threshold, position: 'insideEndTop' }, data: [{ yAxis: threshold }] }
    }] });
    charts.confidence.setOption({ series: [{
      data: windows.map(function (w) { return [w.end, w.meanConfidence]; }) }] });
  }

  function cell(row, text, className) {
    var td = document.createElement('td');
    if (text instanceof Node) { td.appendChild(text); } else { td.textContent = text; }
    if (className) { td.className = className; }
    row.appendChild(td);
  }

  function fillTable(id, items, columns) {
    var body = document.querySelector('#' + id + ' tbody');
    body.replaceChildren();
    items.forEach(function (item) {
      var tr = document.createElement('tr');
      columns(item).forEach(function (c) { cell(tr, c[0], c[1]); });
      body.appendChild(tr);
    });
  }

  function figure(x) { return x === null || x === undefined ? '–' : x.toFixed(3); }
  // The explanation in one line: the top sentence with its negative probability alone (and the drop without it),
  // then the top words with their drops.
  function why(e) {
    if (!e || !e.sentences || e.sentences.length === 0) { return ''; }
    var s = e.sentences[0];
    var text = '"' + s.text + '" neg ' + s.negativeAlone.toFixed(2)
      + (s.removalDrop === null || s.removalDrop === undefined ? '' : ', drop ' + s.removalDrop.toFixed(2));
    if (e.words && e.words.length > 0) {
      text += '; words: ' + e.words.map(function (w) { return w.word + ' ' + w.removalDrop.toFixed(2); }).join(', ');
    }
    return text;
  }

  // An alert's reasons, best first, as labels; the score shows on hover.
  function reasons(list) {
    var labels = document.createDocumentFragment();
    (list || []).forEach(function (r) { labels.appendChild(reasonLabel(r.name, 'score ' + r.score.toFixed(4))); });
    return labels;
  }

  function shortTime(iso) { return new Date(iso).toLocaleTimeString(); }

  function shares(p) { return [p.negative, p.neutral, p.positive].map(function (x) { return x.toFixed(2); }).join(' / '); }

  // How long from start to end (or until now, for what still runs), in words as short as the span allows.
  function span(from, to) {
    var s = Math.round(((to ? time(to) : Date.now()) - time(from)) / 1000);
    return s < 60 ? s + ' s' : s < 3600 ? Math.floor(s / 60) + ' min ' + (s % 60) + ' s'
      : Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  }

  function badge(status) {
    var b = document.createElement('span');
    b.className = 'badge ' + status;
    b.textContent = status.replace('_', ' ');
    return b;
  }

  function labelCounts(outputs, prefix) {
    return ['-1', '0', '1'].filter(function (l) { return outputs[prefix + l] !== undefined; })
      .map(function (l) { return l + ': ' + outputs[prefix + l]; }).join(' ');
  }

  // Per evaluation set, n, then macro-F1 and ECE of the candidate and of the champion (when there is one).
  function evaluateFigures(o) {
    var sets = Object.keys(o).filter(function (k) { return /\.n$/.test(k); }).sort(function (a, b) {
      return (a === 'held-out.n' ? -1 : b === 'held-out.n' ? 1 : 0) || (a < b ? -1 : 1);
    });
    return sets.map(function (k) {
      var set = k.slice(0, -2);
      function who(name) {
        var f1 = o[set + '.' + name + '.macro_f1'];
        return f1 === undefined ? null : name + ' F1 ' + f1 + ' ECE ' + o[set + '.' + name + '.ece'];
      }
      return [set + ' n=' + o[k], who('candidate'), who('champion')].filter(Boolean).join(', ');
    }).join('; ');
  }

  // Each canary share's compared items and live agreement, then the stage the candidate reached.
  function rolloutFigures(o) {
    var shares = {};
    Object.keys(o).forEach(function (k) {
      var m = /^canary\.([0-9.]+)\.(n|agreement)$/.exec(k);
      if (m) { (shares[m[1]] || (shares[m[1]] = {}))[m[2]] = o[k]; }
    });
    var parts = Object.keys(shares).sort(function (a, b) { return parseFloat(a) - parseFloat(b); }).map(function (s) {
      return 'share ' + s + ': n=' + shares[s].n + (shares[s].agreement ? ' agreement ' + shares[s].agreement : '');
    });
    if (o.stage) { parts.push('stage ' + o.stage); }
    return parts.join('; ');
  }

  // A step's outputs in a line: the figures that matter for its kind of step.
  function stepFigures(step) {
    var o = step.outputs || {};
    switch (step.name) {
      case 'snapshot':
        return o.rows === undefined ? '' : 'rows ' + o.rows + ', labels ' + labelCounts(o, 'label.')
          + (o.sha256 ? ', ' + o.sha256.slice(0, 19) + '…' : '');
      case 'checks':
        return (step.inputs && step.inputs.rows ? 'rows ' + step.inputs.rows : '');
      case 'train':
        return [o.method, o.epochs && 'epochs ' + o.epochs,
          o.learning_rate && 'learning rate ' + o.learning_rate].filter(Boolean).join(', ');
      case 'evaluate':
        return evaluateFigures(o);
      case 'register':
        return o.version ? 'version ' + o.version : '';
      case 'rollout':
        return [step.inputs && step.inputs.rollout, rolloutFigures(o)].filter(Boolean).join(': ');
      default:
        return Object.keys(o).map(function (k) { return k + '=' + o[k]; }).join(', ');
    }
  }

  function allOf(step) {
    function lines(m) { return Object.keys(m || {}).map(function (k) { return '  ' + k + ' = ' + m[k]; }); }
    return ['inputs'].concat(lines(step.inputs), ['outputs'], lines(step.outputs)).join('\n');
  }

  function showRuns(runs) {
    var box = document.getElementById('pipeline-runs');
    box.replaceChildren();
    if (runs.length === 0) {
      var empty = document.createElement('p');
      empty.className = 'empty';
      empty.textContent = 'no pipeline runs yet';
      box.appendChild(empty);
      return;
    }
    runs.forEach(function (run) {
      var div = document.createElement('div');
      div.className = 'run';
      div.dataset.run = run.runId;
      var head = document.createElement('div');
      head.className = 'run-head';
      [['run-id', run.runId], ['', badge(run.status)], ['', 'trigger: ' + run.trigger],
        ['', 'started ' + shortTime(run.startedAt) + (run.endedAt ? ', ended ' + shortTime(run.endedAt) : '')
          + ' (' + span(run.startedAt, run.endedAt) + ')'],
        ['', 'candidate ' + (run.candidateVersion || '–') + ' vs champion ' + (run.parentVersion || 'none')],
        ['', 'channels ' + (run.channels.length ? run.channels.join(', ') : 'all')]].forEach(function (p) {
        var item = document.createElement('span');
        item.className = p[0];
        if (p[1] instanceof Node) { item.appendChild(p[1]); } else { item.textContent = p[1]; }
        head.appendChild(item);
      });
      div.appendChild(head);
      if (run.reason) {
        var reason = document.createElement('div');
        reason.className = 'run-reason';
        reason.textContent = run.reason;
        div.appendChild(reason);
      }
      var table = document.createElement('table');
      table.innerHTML = '<thead><tr><th>step</th><th>status</th><th>took</th><th>figures</th><th>verdict</th></tr>'
        + '</thead><tbody></tbody>';
      var body = table.querySelector('tbody');
      run.steps.forEach(function (step) {
        var tr = document.createElement('tr');
        tr.dataset.step = step.name;
        tr.title = allOf(step);
        [[step.name], [badge(step.status)], [span(step.startedAt, step.endedAt)], [stepFigures(step), 'figures'],
          [step.verdict || '', 'verdict']].forEach(function (c) { cell(tr, c[0], c[1]); });
        body.appendChild(tr);
      });
      div.appendChild(table);
      box.appendChild(div);
    });
  }

  // The models serving now: they change without a restart when the registry does.
  function showModels(model) {
    document.getElementById('model').textContent = 'application ' + state.info.applicationId + ' · model '
      + model.id + ' (' + model.version + ')';
    var c = model.challenger;
    document.getElementById('serving').textContent = 'serving champion ' + model.version
      + (c ? ', ' + c.mode + ' challenger ' + c.version + ' (share ' + c.share + ')' : ', no challenger');
  }

  function refresh() {
    Promise.all([getJson('health/ready'), getJson('api/windows?limit=50'), getJson('api/distributions?limit=200'),
      getJson('api/drift?limit=25'), getJson('api/alerts?limit=25'), getJson('api/quality?limit=5'),
      getJson('api/comparisons?limit=20'), getJson('info'), getJson('api/pipeline/runs')
    ]).then(function (answers) {
      var ready = answers[0];
      var status = document.getElementById('status');
      status.textContent = ready.status === 200 ? 'ready' : 'not ready: ' + (ready.body.reason || ready.status);
      status.className = 'status ' + (ready.status === 200 ? 'ready' : 'down');
      var open = answers[1].status === 200 ? answers[1].body.windows : [];
      var closed = answers[2].body.distributions || [];
      var drift = answers[3].body.drift || [];
      var alerts = answers[4].body.alerts || [];
      var threshold = jsThreshold(state.info, drift);
      var byChannel = windowsByChannel(open, closed);
      var channels = (state.info ? state.info.channels.concat(['all']) : []);
      Object.keys(byChannel).forEach(function (c) { if (channels.indexOf(c) < 0) { channels.push(c); } });
      channels.forEach(function (c) {
        draw(c, byChannel[c] || [], threshold);
        drawReasons(c, byChannel[c] || []);
      });
      fillTable('drift-table', drift, function (d) {
        return [[shortTime(d.windowEnd)], [d.channel], [d.kind], [d.statistic], [d.value.toFixed(3)],
          [d.threshold.toFixed(3)], [String(d.total)]];
      });
      var quality = answers[5].status === 200 ? answers[5].body.windows : [];
      fillTable('quality-table', quality, function (q) {
        return [[new Date(q.windowStart).toLocaleDateString()], [q.channel], [q.modelVersion], [String(q.labelled)],
          [figure(q.accuracy)], [figure(q.macroF1)], [String(q.scored)], [figure(q.estimatedAccuracy)],
          [figure(q.estimatedMacroF1)], [figure(q.baselineMacroF1)]];
      });
      var comparisons = answers[6].status === 200 ? answers[6].body.comparisons : [];
      fillTable('comparison-table', comparisons, function (c) {
        var w = c.window;
        return [[shortTime(w.windowEnd)], [c.channel], [c.mode], [c.champion.version], [c.challenger.version],
          [String(w.n)], [figure(w.agreement)], [figure(w.kappa)], [shares(w.championShares)],
          [shares(w.challengerShares)], [figure(w.championMeanConfidence)], [figure(w.challengerMeanConfidence)]];
      });
      if (answers[7].status === 200) { showModels(answers[7].body.model); }
      fillTable('alert-table', alerts, function (a) {
        return [[shortTime(a.eventTime)], [a.channel], [a.priority, 'priority-' + a.priority], [a.caseId || ''],
          [reasons(a.reasons), 'reasons'], [a.excerpt, 'excerpt'], [why(a.explanation), 'why']];
      });
      showRuns(answers[8].status === 200 ? answers[8].body.runs : []);
      state.lastRefresh = new Date();
      state.refreshes++;
      document.getElementById('updated').textContent = 'updated ' + state.lastRefresh.toLocaleTimeString();
    }).catch(function (e) {
      var status = document.getElementById('status');
      status.textContent = 'unreachable: ' + e;
      status.className = 'status down';
    }).finally(function () { setTimeout(refresh, REFRESH_MS); });
  }

  window.addEventListener('resize', function () {
    Object.values(state.charts).forEach(function (c) { c.shares.resize(); c.drift.resize(); c.confidence.resize(); });
    Object.values(state.reasonCharts).forEach(function (r) { r.chart.resize(); });
  });

  getJson('info').then(function (info) {
    state.info = info.body;
    document.getElementById('model').textContent = 'application ' + info.body.applicationId + ' · model '
      + info.body.model.id + ' (' + info.body.model.version + ')';
  }).finally(refresh);
})();
