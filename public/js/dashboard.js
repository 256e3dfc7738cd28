// Renders the dashboard's charts from the JSON configs the server embedded (the same configs the PDF draws).
(function () {
  'use strict';
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
      new window.Chart(canvas, config);
    }
  });
})();
