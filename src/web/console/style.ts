// The console's stylesheet: small, no external fonts or images, so the CSP can stay 'none' for everything else.
export const STYLE = `
:root { font-family: system-ui, sans-serif; color: #1d2330; background: #f7f7f5; }
body { margin: 0; }
header { display: flex; gap: 1rem; align-items: center; padding: .6rem 1rem; background: #1d2330; color: #fff; flex-wrap: wrap; }
header a, header button { color: #fff; text-decoration: none; background: none; border: 0; font: inherit; cursor: pointer; padding: 0; }
header nav { display: flex; gap: .9rem; flex-wrap: wrap; align-items: center; }
.brand { margin-right: 1rem; }
main { padding: 1rem 1.5rem; max-width: 80rem; }
h1 { font-size: 1.4rem; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e2e2de; vertical-align: top; }
th a { color: inherit; }
.notice { background: #e8f3e8; border: 1px solid #9c9; padding: .5rem; }
.error, .problem { background: #fbeaea; border: 1px solid #d99; padding: .5rem; }
.muted { color: #667; }
.inline { display: inline; }
form.stack label { display: block; margin: .5rem 0; }
input[type=text], input[type=url], input[type=password], input[type=search], select, textarea { font: inherit; padding: .25rem; }
textarea { width: 100%; min-height: 12rem; font-family: ui-monospace, monospace; }
.ok { color: #262; } .failing { color: #a22; font-weight: 600; } .disabled { color: #888; }
.tag { display: inline-block; background: #eef; border-radius: 3px; padding: 0 .3rem; margin: 0 .15rem .15rem 0; font-size: .85em; }
iframe.entry-body { width: 100%; min-height: 20rem; border: 1px solid #ccc; background: #fff; }
.filters { display: flex; gap: .5rem; flex-wrap: wrap; margin-bottom: .8rem; align-items: end; }
.pager { margin: .8rem 0; }
`;
