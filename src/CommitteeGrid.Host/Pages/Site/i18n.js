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

  register: ['提案登记', 'Proposal register'],
  registerOf: ['{0} · 提案登记', '{0} · Proposal register'],
  number: ['案号', 'No.'],
  proposalLead: ['领衔人', 'Lead proposer'],
  proposers: ['提案人数', 'Proposers'],
  session: ['届次', 'Session'],
  plenary: ['大会期间', 'In plenary'],
  key: ['重点', 'Key'],
  handlingUnit: ['主办单位', 'Lead unit'],
  due: ['办理期限', 'Due'],
  overdue: ['逾期', 'Overdue'],
  overdueOnly: ['仅看逾期', 'Overdue only'],
  emptyRegister: ['没有符合条件的提案', 'No proposals match'],

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
  myProposals: ['提案：本人领衔、联名或起草的提案', 'Proposals: led, co-signed or drafted'],
  noProposals: ['本年度没有提案', 'No proposals this year'],
  proposalRole: ['本人', 'Part'],
  'part.lead': ['领衔', 'lead'],
  'part.cosigner': ['联名', 'co-signer'],
  'part.merged': ['并案', 'merged'],
  myRating: ['本人评价', 'My rating'],

  notifications: ['通知', 'Notifications'],
  notificationsOf: ['{0} · 通知', '{0} · Notifications'],
  newNotice: ['新通知', 'New'],
  noNotices: ['暂无通知', 'No notifications'],
  markAllRead: ['全部标为已读', 'Mark all read'],
  unread: ['未读', 'Unread'],
  unreadCount: ['未读 {0} 条', '{0} unread'],
  kind: ['类别', 'Kind'],
  signInAgain: ['请重新登录', 'Please sign in again'],
  networkError: ['网络中断，请重试（同一操作不会重复记录）', 'The network failed; try again (the same action is recorded once)'],
  done: ['已办理', 'Done'],

  proposal: ['提案', 'Proposal'],
  newProposal: ['起草提案', 'Draft a proposal'],
  draftedAt: ['起草时间', 'Drafted'],
  signingDeadline: ['联名截止时间', 'Signing deadline'],
  invitations: ['联名邀请', 'Co-signer invitations'],
  invitee: ['受邀委员', 'Invited member'],
  invitedAt: ['邀请时间', 'Invited'],
  answeredAt: ['答复时间', 'Answered'],
  cosigners: ['联名人', 'Co-signers'],
  reason: ['理由', 'Reason'],
  mergedInto: ['已并入', 'Merged into'],
  absorbed: ['并入本案的提案', 'Proposals merged into this one'],
  leadingLeader: ['领衔督办领导', 'Leading leader'],
  excellent: ['优秀提案', 'Excellent'],
  keyProposal: ['重点提案', 'Key proposal'],
  toReportDone: ['已转为社情民意信息', 'Turned into an information report'],
  handlingUnits: ['承办单位', 'Handling units'],
  role: ['分工', 'Part'],
  'role.lead': ['主办', 'lead'],
  'role.co': ['会办', 'co-handling'],
  round: ['轮次', 'Round'],
  assignedAt: ['交办时间', 'Assigned'],
  answer: ['答复', 'Answer'],
  answerClass: ['答复类别', 'Class'],
  ratings: ['满意度测评', 'Satisfaction ratings'],
  rater: ['测评人', 'Rated by'],
  rating: ['测评结果', 'Rating'],
  actions: ['可办理事项', 'What you can do'],
  handle: ['办理', 'Action'],
  noActions: ['当前状态下您没有可办理的事项', 'Nothing for you to do in this state'],
  'act.invite': ['邀请联名', 'Invite co-signers'],
  'act.inviteMembers': ['受邀委员代码（以逗号或空格分隔）', 'Member codes (comma or space separated)'],
  'act.deadline': ['联名截止时间', 'Signing closes at'],
  'act.submit': ['提交提案', 'Submit'],
  'act.withdraw': ['撤回提案', 'Withdraw'],
  'act.accept': ['同意联名', 'Sign'],
  'act.decline': ['不同意联名', 'Decline'],
  'act.register': ['立案', 'Register'],
  'act.notRegister': ['不予立案', 'Do not register'],
  'act.toReport': ['转为社情民意信息', 'Turn into an information report'],
  'act.reportBody': ['信息正文（可选，默认用提案正文）', 'Report text (optional; the proposal text by default)'],
  'act.merge': ['并案', 'Merge'],
  'act.into': ['并入的提案（P 开头的编号）', 'Into proposal (its P… id)'],
  'act.key': ['列为重点提案', 'Mark key'],
  'act.excellent': ['评为优秀提案', 'Mark excellent'],
  'act.close': ['办结', 'Close'],
  'act.assign': ['交办', 'Assign'],
  'act.leadUnit': ['主办单位', 'Lead unit'],
  'act.coUnits': ['会办单位', 'Co-handling units'],
  'act.dueDate': ['办理期限（可选）', 'Due date (optional)'],
  'act.answer': ['答复', 'Answer'],
  'act.opinion': ['会办意见', 'Co-handling opinion'],
  'act.answerText': ['答复内容', 'Answer text'],
  'act.handback': ['退回重新交办', 'Hand back'],
  'act.rate': ['测评', 'Rate'],
  'act.asMember': ['以委员身份', 'As member'],
  'act.unit': ['承办单位', 'Handling unit'],
  'class.a': ['A 类：已采纳或已解决', 'A: adopted or solved'],
  'class.b': ['B 类：正在解决或列入计划', 'B: being solved or planned'],
  'class.c': ['C 类：留作参考', 'C: kept for reference'],
  'rating.satisfied': ['满意', 'satisfied'],
  'rating.basically': ['基本满意', 'basically satisfied'],
  'rating.dissatisfied': ['不满意', 'dissatisfied'],
  'invitation.pending': ['待答复', 'pending'],
  'invitation.accepted': ['已同意', 'accepted'],
  'invitation.declined': ['不同意', 'declined'],
  'invitation.lapsed': ['已失效', 'lapsed'],
  draftTitle: ['提案标题', 'Title'],
  draftBody: ['提案内容（现状、问题、建议）', 'Text (situation, problem, suggestions)'],
  draftLead: ['领衔委员代码', 'Lead member code'],
  draftHint: ['保存为草稿后，可邀请联名并提交。', 'Saved as a draft; then invite co-signers and submit.'],
  saveDraft: ['保存草稿', 'Save draft'],

  queue: ['承办单位办理', 'Handling unit queue'],
  queueOf: ['{0} · 提案办理', '{0} · Proposals to answer'],
  pending: ['待答复', 'Pending'],
  showAll: ['含已办结', 'Include finished'],
  emptyQueue: ['没有需要办理的提案', 'No proposals to answer'],
  dueAt: ['答复期限', 'Due'],

  duty: ['履职登记', 'Duty records'],
  dutyOf: ['{0} · 履职登记', '{0} · Duty records'],
  dutyKind: ['类别', 'Kind'],
  dutyTitle: ['事由', 'What'],
  dutyDate: ['日期', 'Date'],
  dutyCount: ['次数', 'Count'],
  recordedAt: ['登记时间', 'Recorded'],
  recordDuty: ['登记本人履职', 'Record my duty'],
  recordIt: ['登记', 'Record'],
  dutyRecorded: ['已登记，待活动组确认', 'Recorded; waiting for the group to confirm'],
  confirm: ['确认', 'Confirm'],
  reject: ['不予确认', 'Reject'],
  emptyDuty: ['没有符合条件的履职登记', 'No duty records match'],
  groupSixOnes: ['组内委员“六个一”', 'Members\' "six ones"'],
  complete: ['“六个一”全部完成的委员', 'Members with all six'],
  missing: ['未完成', 'Missing'],
  'duty.status.recorded': ['已记录', 'recorded'],
  'duty.status.pending': ['待确认', 'pending'],
  'duty.status.confirmed': ['已确认', 'confirmed'],
  'duty.status.rejected': ['未确认', 'rejected'],
  'dutyKind.plenary': ['出席全体会议', 'Plenary session'],
  'dutyKind.standing': ['出席常委会议', 'Standing-committee meeting'],
  'dutyKind.activity': ['参加活动', 'Activity'],
  'dutyKind.inspection': ['视察调研', 'Inspection'],
  'dutyKind.household': ['走访联系群众', 'Household contact'],
  'dutyKind.deed': ['为民办实事', 'Practical deed'],
  'dutyKind.reportBack': ['向活动组述职', 'Report-back'],
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

const notices = {
  'report.submitted': ['收到社情民意信息', 'report received'],
  'report.adopted': ['信息被采用', 'report adopted'],
  'report.forwarded': ['信息被转报', 'report forwarded'],
  'report.endorsed': ['领导批示', 'leader endorsement'],
  'report.declined': ['信息不予采用', 'report declined'],
  'report.returned': ['信息退回修改', 'report returned'],
  'report.revised': ['信息修改后重报', 'report revised'],
  'proposal.invited': ['邀请您联名提案', 'invited to co-sign'],
  'proposal.submitted': ['收到提案', 'proposal submitted'],
  'proposal.registered': ['提案已立案', 'proposal registered'],
  'proposal.not_registered': ['提案不予立案', 'proposal not registered'],
  'proposal.merged': ['提案已并案', 'proposal merged'],
  'proposal.answered': ['提案已答复', 'proposal answered'],
  'proposal.assigned': ['交办提案', 'proposal assigned'],
  'proposal.handed_back': ['提案被退回', 'proposal handed back'],
  'proposal.due_soon': ['提案即将到期', 'answer due soon'],
  'proposal.overdue': ['提案答复逾期', 'answer overdue'],
  'duty.reported': ['委员报送履职登记', 'duty reported'],
  'duty.rejected': ['履职登记未被确认', 'duty record rejected'],
};

/** A notification kind for people. */
export function noticeLabel(kind) {
  const pair = notices[kind];
  return pair ? either(...pair) : kind;
}

const proposalEvents = {
  'proposal.drafted': ['起草', 'drafted'],
  'proposal.invited': ['邀请联名', 'co-signers invited'],
  'proposal.signed': ['同意联名', 'signed'],
  'proposal.sign_declined': ['不同意联名', 'declined to sign'],
  'proposal.signing_closed': ['联名截止', 'signing closed'],
  'proposal.submitted': ['提交', 'submitted'],
  'proposal.withdrawn': ['撤回', 'withdrawn'],
  'proposal.registered': ['立案', 'registered'],
  'proposal.numbered': ['编号', 'numbered'],
  'proposal.not_registered': ['不予立案', 'not registered'],
  'proposal.merged': ['并案', 'merged'],
  'proposal.absorbed': ['并入他案', 'absorbed a proposal'],
  'proposal.key': ['列为重点提案', 'marked key'],
  'proposal.excellent': ['评为优秀提案', 'marked excellent'],
  'proposal.assigned': ['交办', 'assigned'],
  'proposal.co_answered': ['会办意见', 'co-handling opinion'],
  'proposal.handed_back': ['退回', 'handed back'],
  'proposal.answered': ['答复', 'answered'],
  'proposal.rated': ['满意度测评', 'rated'],
  'proposal.closed': ['办结', 'closed'],
  'proposal.due_soon': ['即将到期提醒', 'due soon'],
  'proposal.overdue': ['逾期提醒', 'overdue'],
};

/** A step of a proposal's history for people. */
export function proposalEventLabel(kind) {
  const pair = proposalEvents[kind];
  return pair ? either(...pair) : kind;
}

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

const proposalStatuses = {
  draft: ['草稿', 'draft'],
  signing: ['联名征集中', 'being signed'],
  signing_closed: ['联名已截止', 'signing closed'],
  submitted: ['待审查', 'submitted'],
  withdrawn: ['已撤回', 'withdrawn'],
  registered: ['已立案', 'registered'],
  not_registered: ['不予立案', 'not registered'],
  merged: ['已并案', 'merged'],
  assigned: ['办理中', 'assigned'],
  handed_back: ['退回待重新交办', 'handed back'],
  answered: ['已答复', 'answered'],
  closed: ['已办结', 'closed'],
};

export function proposalStatusLabel(status) {
  const pair = proposalStatuses[status];
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
