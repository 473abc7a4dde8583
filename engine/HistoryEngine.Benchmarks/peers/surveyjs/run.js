// survey-core peer for the HistoryEngine benchmarks (run by ../run-peers.sh; see docs/benchmarks.md).
//   node run.js DIR [COMPLETE_RUN_UP_TO]
// For each size folder in DIR (written by `HistoryEngine.Benchmarks --peers-prepare`): builds the SurveyJS model
// from survey.json, then for each measured step loads the answers before it (survey.data = ..., unmeasured), sets
// the step's answer and takes the time; then reads which questions are hidden and the calculated values, for the
// cross-check. Writes DIR/SIZE/surveyjs.json. With COMPLETE_RUN_UP_TO, sizes up to it are also run through the
// whole answer sequence, one answer at a time, each timed.
"use strict";
const fs = require("fs");
const path = require("path");
const { Model } = require("survey-core");

const dir = process.argv[2];
const completeRunUpTo = Number(process.argv[3] || 0);

function now() { return process.hrtime.bigint(); }
function us(t0, t1) { return Number(t1 - t0) / 1000; }
function median(xs) {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** One answer, as a page would set it: a question's value, or a field of a reading (adding the reading first). */
function setAnswer(survey, a) {
  if (!a.group) { survey.setValue(a.path, a.value); return; }
  const panel = survey.getQuestionByName(a.group);
  if (a.instance === panel.panelCount) panel.addPanel();
  panel.panels[a.instance].getQuestionByName(a.field).value = a.value;
}

/** The same answer in a plain data object, for loading the answers before a measured step. */
function addToData(data, a) {
  if (!a.group) { data[a.path] = a.value; return; }
  const list = data[a.group] || (data[a.group] = []);
  while (list.length <= a.instance) list.push({});
  list[a.instance][a.field] = a.value;
}

function state(survey, names) {
  const hidden = [];
  for (const q of survey.getAllQuestions(false)) {
    if (q.getType() === "paneldynamic") {
      q.panels.forEach((p, k) => { for (const inner of p.questions) if (!inner.isVisible) hidden.push(`${q.name}[${k}].${inner.name}`); });
    } else if (!q.isVisible) hidden.push(q.name);
  }
  hidden.sort();
  const values = {};
  for (const name of names) {
    const v = survey.getVariable(name);
    values[name] = v === undefined || v === null || (typeof v === "number" && isNaN(v)) ? null : v;
  }
  return { hidden, values };
}

const folders = fs.readdirSync(dir).filter(f => fs.existsSync(path.join(dir, f, "workload.json"))).sort((a, b) => Number(a) - Number(b));
for (const folder of folders) {
  const w = JSON.parse(fs.readFileSync(path.join(dir, folder, "workload.json"), "utf8"));
  const json = JSON.parse(fs.readFileSync(path.join(dir, folder, "survey.json"), "utf8"));
  for (const q of json.pages[0].elements) if (q.type === "paneldynamic") q.maxPanelCount = 1000;
  let t0 = now();
  let survey = new Model(json);
  const setupMs = us(t0, now()) / 1000;
  let completeRunMs = null, allStepsMedianUs = null;
  if (w.size <= completeRunUpTo) {
    const times = [];
    const start = now();
    for (let i = 0; i < w.sequence; i++) {
      const s0 = now();
      setAnswer(survey, w.answers[i]);
      times.push(us(s0, now()));
    }
    completeRunMs = us(start, now()) / 1000;
    allStepsMedianUs = median(times);
    survey = new Model(json);
  }
  const checks = [];
  const data = {};
  let next = 0;
  w.measured.forEach((i, j) => {
    if (next < i) {
      for (; next < i; next++) addToData(data, w.answers[next]);
      survey.data = JSON.parse(JSON.stringify(data));
    }
    const s0 = now();
    setAnswer(survey, w.answers[i]);
    const t = us(s0, now());
    addToData(data, w.answers[i]);
    next = i + 1;
    checks.push({ step: i, label: w.labels[j], us: t, ...state(survey, w.values) });
  });
  const spread = checks.filter(c => c.label.startsWith("#")).map(c => c.us);
  fs.writeFileSync(path.join(dir, folder, "surveyjs.json"), JSON.stringify({ engine: "surveyjs", size: w.size, setupMs, completeRunMs, allStepsMedianUs, checks }, null, 1));
  console.log(`peers: survey-core, ${w.size} items: model ${setupMs.toFixed(0)} ms, ` +
    (completeRunMs !== null ? `complete run ${completeRunMs.toFixed(0)} ms, ` : "") +
    `step median ${median(spread).toFixed(0)} µs over ${spread.length} spread steps`);
}
