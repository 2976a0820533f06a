// Puppeteer only drives Debian's Firefox ESR for `npm run test:browsers`; it
// must never download a browser of its own during `npm install` (machines
// without internet access would fail the install).
module.exports = { skipDownload: true };
