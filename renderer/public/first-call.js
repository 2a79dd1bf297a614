// Loaded before the app's own code (index.html): the calls the first screen waits for start now,
// while the much larger app bundle is still loading, instead of after it has started. The app
// takes their answers once (earlyAnswer in api.ts). Plain script, no imports: it must not wait
// for the bundle it runs ahead of.
(function () {
  // On a host with sign-in every call echoes the session's token (http-bridge.ts does the same).
  var token = /(?:^|;\s*)(?:__Host-)?transferready_csrf=([^;]+)/.exec(document.cookie);
  var headers = { 'Content-Type': 'application/json' };
  if (token) headers['X-CSRF-Token'] = decodeURIComponent(token[1]);
  function call(name, input) {
    var answer = window.api
      ? window.api[name](input)
      : fetch('api/' + name, { method: 'POST', headers: headers, body: JSON.stringify(input) }).then(function (response) {
          if (response.status === 401 && name === 'getSession') window.location.assign('auth/sign-in');
          return response.json();
        });
    // Unclaimed (the page changed first), a failure must not be reported as unhandled.
    answer.catch(function () {});
    return answer;
  }
  window.earlyCalls = { getSession: call('getSession', {}) };
  // The matrix's first rows with the default filter (every row, by name); the page reads the whole
  // matrix once they are drawn. 50 is FIRST_ROWS in pages/matrix/every-row.ts.
  if (/^#\/matrix(\?|$)/.test(window.location.hash)) window.earlyCalls.capabilityMatrixFirstRows = call('capabilityMatrixFirstRows', { firstRows: 50 });
})();
