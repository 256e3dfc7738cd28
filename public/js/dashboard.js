// Renders the dashboard's charts from the JSON configs the server embedded (the same configs the PDF draws).
(function () {
  'use strict';

  // Chart.js gives a horizontal bar chart's labels at most about half the width and draws longer ones off the
  // canvas; on a narrow screen they are wrapped here by measured width first (as the PDF does), a label that still
  // does not fit in three lines ending in "…" (the table under the chart gives it in full).
  function wrapLabel(text, width, measure) {
    var words = String(text).split(/\s+/).filter(Boolean);
    var lines = [];
    var line = '';
    for (var i = 0; i < words.length; i++) {
      var candidate = line ? line + ' ' + words[i] : words[i];
      if (!line || measure(candidate) <= width) line = candidate;
      else {
        lines.push(line);
        line = words[i];
      }
    }
    if (line) lines.push(line);
    if (lines.length <= 3) return lines;
    var last = lines.slice(2).join(' ');
    while (last.length > 1 && measure(last + '…') > width) last = last.slice(0, -1);
    return [lines[0], lines[1], last.replace(/[\s,;:.]+$/, '') + '…'];
  }

  function fitLabels(canvas, config) {
    if (config.type !== 'bar' || !config.options || config.options.indexAxis !== 'y' || !config.data || !config.data.labels) return;
    var context = document.createElement('canvas').getContext('2d');
    var font = window.Chart.defaults.font;
    context.font = font.size + 'px ' + font.family;
    var width = canvas.parentNode.clientWidth * 0.45 - 10;
    var measure = function (s) { return context.measureText(s).width; };
    config.data.labels = config.data.labels.map(function (label) {
      return wrapLabel(Array.isArray(label) ? label.join(' ') : label, width, measure);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (typeof window.Chart === 'undefined') return;
    var canvases = document.querySelectorAll('canvas[data-chart]');
    for (var i = 0; i < canvases.length; i++) {
      var canvas = canvases[i];
      var source = document.getElementById('chart-' + canvas.getAttribute('data-chart'));
      if (!source) continue;
      var config = JSON.parse(source.textContent);
      config.options = config.options || {};
      config.options.responsive = true;
      config.options.maintainAspectRatio = false;
      fitLabels(canvas, config);
      new window.Chart(canvas, config);
    }
  });
})();
