// axe-core's audit of the whole document with the given options: the engine's
// version, how many rules ran, and each violation with the nodes it found.
(options) => axe.run(document, options).then((result) => ({
  version: result.testEngine.version,
  rules: result.passes.length + result.violations.length + result.incomplete.length
         + result.inapplicable.length,
  violations: result.violations.map((rule) => ({
    id: rule.id, impact: rule.impact, help: rule.help,
    nodes: rule.nodes.map((node) => ({target: node.target.join(' '),
                                      summary: node.failureSummary}))}))}))
