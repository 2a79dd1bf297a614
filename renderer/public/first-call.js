// Loaded before the app's own code (index.html): the calls the first screen waits for start now,
// while the much larger app bundle is still loading, instead of after it has started. The app
// takes their answers once (earlyAnswer in api.ts). Plain script, no imports: it must not wait
// for the bundle it runs ahead of.
(function () {
  function call(name, input) {
    var answer = window.api
      ? window.api[name](input)
      : fetch('api/' + name, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) }).then(function (response) {
          return response.json();
        });
    // Unclaimed (the page changed first), a failure must not be reported as unhandled.
    answer.catch(function () {});
    return answer;
  }
  window.earlyCalls = { getSession: call('getSession', {}) };
  // The matrix with the default filter (every row, by name); the page filters the rows itself.
  if (/^#\/matrix(\?|$)/.test(window.location.hash)) window.earlyCalls.capabilityMatrix = call('capabilityMatrix', {});
})();
