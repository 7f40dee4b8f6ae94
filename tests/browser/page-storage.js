// What the page has stored (cookie, local and session storage) and the policy
// violations csp-watch.js recorded.
() => ({cookie: document.cookie, local: localStorage.length,
        session: sessionStorage.length, csp: window.__kitCsp})
