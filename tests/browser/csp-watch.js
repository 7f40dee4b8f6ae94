// An init script: records every Content-Security-Policy violation of the page.
window.__kitCsp = [];
document.addEventListener('securitypolicyviolation', e => window.__kitCsp.push(
  [e.effectiveDirective, e.blockedURI, e.sample, e.sourceFile, e.lineNumber].join(' | ')), true);
