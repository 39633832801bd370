// Words of the pages in Chinese (default) and English. The choice comes from ?lang=en|zh, else from
// localStorage, and the switch button changes it in place and remembers it.

const STORE = 'cg.lang';
const listeners = [];
let current = pick();

function pick() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'en' || asked === 'zh') {
    remember(asked);
    return asked;
  }
  try {
    const kept = localStorage.getItem(STORE);
    if (kept === 'en' || kept === 'zh') return kept;
  } catch {
    // Storage may be off (private mode); the default stays.
  }
  return 'zh';
}

function remember(lang) {
  try {
    localStorage.setItem(STORE, lang);
  } catch {
    // Not remembered, still switched.
  }
}

export function language() {
  return current;
}

export function htmlLang() {
  return current === 'en' ? 'en' : 'zh-CN';
}

export function setLanguage(lang) {
  current = lang;
  remember(lang);
  const url = new URL(location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.delete('lang');
    history.replaceState(null, '', url);
  }
  document.documentElement.lang = htmlLang();
  for (const listener of listeners) listener();
}

/** Calls back after every language switch (pages redraw their words). */
export function onLanguage(listener) {
  listeners.push(listener);
}

const words = {
  brand: ['政协履职网', 'CommitteeGrid'],
  switchTo: ['English', '中文'],
  switchTitle: ['Switch to English', '切换到中文'],
  loading: ['加载中…', 'Loading…'],
  home: ['首页', 'Home'],
  year: ['年度', 'Year'],
  code: ['代码', 'Code'],
  members: ['委员数', 'Members'],
  membersCount: ['{0} 名委员', '{0} members'],
  liveOn: ['实时更新', 'Live'],
  liveOff: ['连接中断，正在重连', 'Reconnecting'],
  liveAt: ['更新于 {0}', 'updated {0}'],
  notAvailable: ['暂无数据', 'Not available'],
  errorTitle: ['无法显示', 'Cannot show this'],
  none: ['无', 'None'],

  tally: ['履职统计（篇次）', 'Tally (piece-times)'],
  submitted: ['报送', 'Submitted'],
  adopted: ['采用', 'Adopted'],
  forwarded: ['转报', 'Forwarded'],
  endorsed: ['领导批示', 'Endorsed'],
  declined: ['不予采用', 'Declined'],
  returned: ['退回修改', 'Returned'],
  level: ['层级', 'Level'],
  otherCounters: ['提案与履职登记', 'Proposals and duty records'],
  counter: ['统计项', 'Counter'],
  count: ['数量', 'Count'],

  score: ['考核得分', 'Score'],
  total: ['总分', 'Total'],
  grade: ['等次', 'Grade'],
  rules: ['考核办法', 'Scoring rules'],
  item: ['考核项目', 'Item'],
  points: ['分值', 'Points'],
  amount: ['得分', 'Amount'],
  cap: ['上限', 'Cap'],
  cappedOff: ['超出上限', 'Capped off'],
  bonus: ['加分', 'bonus'],

  ranking: ['下级单位排名', 'Ranking of units below'],
  memberRanking: ['委员排名', 'Ranking of members'],
  rank: ['名次', 'Rank'],
  name: ['名称', 'Name'],
  value: ['数值', 'Value'],
  rankBy: ['排名依据', 'Rank by'],
  byScore: ['综合得分', 'Score'],
  perCapita: ['人均', 'Per capita'],
  children: ['下级单位', 'Units below'],
  noChildren: ['没有下级单位', 'No units below'],

  trend: ['月度趋势：采用与转报', 'Monthly trend: adopted and forwarded'],
  month: ['{0}月', 'M{0}'],
  inbox: ['审阅收件箱', 'Review inbox'],
  inboxOf: ['{0} · 审阅收件箱', '{0} · Review inbox'],
  all: ['全部', 'All'],
  received: ['收到时间', 'Received'],
  title: ['标题', 'Title'],
  lead: ['第一作者', 'Lead author'],
  coAuthors: ['联名作者', 'Co-authors'],
  from: ['来自', 'From'],
  status: ['状态', 'Status'],
  endorsements: ['批示', 'Endorsements'],
  emptyInbox: ['收件箱中没有符合条件的信息', 'No reports in this inbox match'],

  report: ['社情民意信息', 'Information report'],
  body: ['正文', 'Text'],
  submittedAt: ['报送时间', 'Submitted'],
  currentCommittee: ['当前所在', 'Now at'],
  levels: ['各级办理情况', 'At each level'],
  committee: ['政协', 'Committee'],
  history: ['办理记录', 'History'],
  version: ['序号', 'No.'],
  event: ['事项', 'Event'],
  at: ['时间', 'Time'],
  actor: ['办理人', 'By'],
  detail: ['说明', 'Detail'],
  yes: ['是', 'yes'],

  member: ['委员', 'Member'],
  sector: ['界别', 'Sector'],
  party: ['党派', 'Party'],
  group: ['活动组', 'Activity group'],
  sixOnes: ['“六个一”完成情况', '"Six ones" progress'],
  sixOnesDone: ['已完成 {0}/6', '{0} of 6 done'],
  'six.inspection': ['一次视察调研', 'One inspection'],
  'six.proposal': ['一件提案', 'One proposal'],
  'six.report': ['一篇社情民意信息', 'One information report'],
  'six.household': ['一次走访联系群众', 'One household contact'],
  'six.deed': ['一件为民实事', 'One practical deed'],
  'six.reportback': ['一次向活动组述职', 'One report-back to the group'],
  record: ['履职记录：本人报送的社情民意信息', 'Record: information reports led'],
  noReports: ['本年度没有报送记录', 'No reports this year'],
};

/** The word for key in the current language, with {0}, {1}… replaced by args. */
export function t(key, ...args) {
  const pair = words[key];
  let text = pair ? pair[current === 'en' ? 1 : 0] : key;
  args.forEach((arg, i) => {
    text = text.replace(`{${i}}`, String(arg));
  });
  return text;
}

function either(zh, en) {
  return current === 'en' ? en : zh;
}

const kinds = {
  committee: ['政协', 'Committee'],
  liaisonOffice: ['联络处', 'Liaison office'],
  activityGroup: ['委员活动组', 'Activity group'],
  member: ['委员', 'Member'],
};

const levels = {
  county: ['县级', 'county'],
  city: ['市级', 'city'],
  province: ['省级', 'province'],
  national: ['全国', 'national'],
};

const statuses = {
  pending: ['待审', 'pending'],
  adopted: ['已采用', 'adopted'],
  forwarded: ['已转报', 'forwarded'],
  declined: ['不予采用', 'declined'],
  returned: ['退回修改', 'returned'],
  none: ['—', '—'],
};

const events = {
  'report.submitted': ['报送', 'submitted'],
  'report.adopted': ['采用', 'adopted'],
  'report.forwarded': ['转报', 'forwarded'],
  'report.declined': ['不予采用', 'declined'],
  'report.returned': ['退回修改', 'returned for revision'],
  'report.revised': ['修改后重报', 'revised'],
  'report.endorsed': ['领导批示', 'endorsed by a leader'],
};

export const levelKeys = ['county', 'city', 'province', 'national'];

export function kindLabel(kind) {
  const pair = kinds[kind];
  return pair ? either(...pair) : kind;
}

export function levelLabel(level) {
  const pair = levels[level];
  return pair ? either(...pair) : level;
}

export function statusLabel(status) {
  const pair = statuses[status];
  return pair ? either(...pair) : status;
}

export function eventLabel(kind) {
  const pair = events[kind];
  return pair ? either(...pair) : kind;
}

const proposalWords = {
  'proposal.submitted': ['提案（领衔）', 'Proposals (lead)'],
  'proposal.cosigned': ['联名提案', 'Proposals co-signed'],
  'proposal.registered': ['立案', 'Registered'],
  'proposal.not_registered': ['不立案', 'Not registered'],
  'proposal.merged': ['并案', 'Merged'],
  'proposal.key': ['重点提案', 'Key proposals'],
  'proposal.excellent': ['优秀提案', 'Excellent proposals'],
  'proposal.answered.a': ['答复A类', 'Answered A'],
  'proposal.answered.b': ['答复B类', 'Answered B'],
  'proposal.answered.c': ['答复C类', 'Answered C'],
  'proposal.rated.satisfied': ['满意', 'Rated satisfied'],
  'proposal.rated.basically': ['基本满意', 'Rated basically satisfied'],
  'proposal.rated.dissatisfied': ['不满意', 'Rated dissatisfied'],
  'duty.plenary': ['出席全体会议', 'Plenary sessions attended'],
  'duty.standing': ['出席常委会议', 'Standing meetings attended'],
  'duty.activity': ['参加活动', 'Activities attended'],
  'duty.inspection': ['视察调研', 'Inspections'],
  'duty.household': ['走访联系群众', 'Household contacts'],
  'duty.deed': ['为民办实事', 'Practical deeds'],
  'duty.reportback': ['述职', 'Report-backs'],
  'duty.six_ones': ['“六个一”全部完成', 'Six ones completed'],
};

/** A counter's name for people, e.g. report.adopted.city → 市级采用 / Adopted (city). */
export function counterLabel(name) {
  const parts = name.split('.');
  if (parts[0] === 'report' && parts.length === 3 && levels[parts[2]]) {
    const lv = levelLabel(parts[2]);
    switch (parts[1]) {
      case 'adopted': return either(`${lv}采用`, `Adopted (${lv})`);
      case 'forwarded': return either(`转报${lv}`, `Forwarded to ${lv}`);
      case 'endorsed': return either(`${lv}领导批示`, `Endorsed (${lv})`);
      case 'declined': return either(`${lv}不予采用`, `Declined (${lv})`);
      case 'returned': return either(`${lv}退回修改`, `Returned (${lv})`);
      default: return name;
    }
  }
  if (name === 'report.submitted') return either('报送社情民意信息', 'Reports submitted');
  if (name.endsWith('.cosigner')) {
    const base = proposalWords[name.slice(0, -'.cosigner'.length)];
    return base ? either(`${base[0]}（联名）`, `${base[1]} (co-signer)`) : name;
  }
  const pair = proposalWords[name];
  return pair ? either(...pair) : name;
}

/** The grade's label in the current language (the score API gives both). */
export function gradeLabel(grade) {
  if (!grade) return '';
  return current === 'en' ? (grade.labelEn || grade.label || '') : (grade.label || grade.labelEn || '');
}

/** A score line's label in the current language. */
export function lineLabel(line) {
  return current === 'en' ? (line.labelEn || line.label || line.item) : (line.label || line.labelEn || line.item);
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function monthLabel(month) {
  return current === 'en' ? months[month - 1] || String(month) : `${month}月`;
}

const timeFormats = {};

/** A time as committees read it: China Standard Time, to the minute. */
export function formatTime(iso) {
  if (!iso) return '';
  const key = current;
  timeFormats[key] ??= new Intl.DateTimeFormat(current === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  });
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : timeFormats[key].format(date);
}

export function formatNumber(value) {
  if (typeof value !== 'number') return value == null ? '' : String(value);
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
