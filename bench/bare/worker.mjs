self.onmessage = async ({ data }) => {
  const { loadPyodide } = await import(`${data.pyodideUrl}pyodide.mjs`);
  await loadPyodide({ indexURL: data.pyodideUrl });
  self.postMessage("ready");
};
