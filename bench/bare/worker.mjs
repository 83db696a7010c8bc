self.onmessage = async ({ data }) => {
  const t0 = performance.now();
  const { loadPyodide } = await import(`${data.pyodideUrl}pyodide.mjs`);
  await loadPyodide({ indexURL: data.pyodideUrl, stdLibURL: data.stdLibURL });
  self.postMessage({ pyodide: performance.now() - t0 }); // the same phase the tool's worker reports
};
