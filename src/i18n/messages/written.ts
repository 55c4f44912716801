// Sentences the workflows and services write into records in English (a ledger entry's fact, a
// penalty's withdrawal reason, a rights event's withdrawal cause), with their Chinese (issue 15).
// The English is what histories and rows already carry, so it is matched, not re-written:
// src/i18n/written.ts reads a stored sentence back in the reader's language. Where one template
// is a prefix of another the longer comes first (a match is tried in order).
import { tx } from '../report-text';
import { FINDING_TEXT } from './written-findings';

export const WRITTEN_TEXT = [
  // ledger entry facts (clause 6), by the workflow that proposes the penalty
  tx(
    '故障 {caseId}（{level}级）：条款 {clause} 的{kind}时限超时（事实 {seq}）',
    'fault {caseId} (level {level}): {kind} deadline of clause {clause} breached (fact {seq})',
  ),
  tx(
    '第{year}合同年第{quarter}季度的季度巡检报告未在 {dueAt} 前提交（4.1/4.3）',
    'quarterly inspection report of contract year {year} quarter {quarter} not delivered by {dueAt} (4.1/4.3)',
  ),
  tx(
    '客户回访（4.1）：第{year}合同年第{quarter}季度登记回访 {visits} 次，应为 {required} 次（截至 {dueAt}）',
    'customer care (4.1): {visits} of {required} return visit(s) logged in contract year {year} quarter {quarter} (by {dueAt})',
  ),
  tx(
    '截至 {deadline}（由 {goLiveDate} 延期）未记录上线：第 {period} 个期间逾期',
    'go-live not recorded by {deadline} (extended from {goLiveDate}): period {period} late',
  ),
  tx('截至 {deadline} 未记录上线：第 {period} 个期间逾期', 'go-live not recorded by {deadline}: period {period} late'),
  tx(
    '签约后的系统检查与整改计划未在工作日期限内提交（6.3）；比例由 {actor} 选定',
    'the post-signing check and rectification plan were not delivered within the working-day deadline (6.3); rate chosen by {actor}',
  ),
  tx(
    '签约后的系统检查与整改计划未在工作日期限内提交（6.3）',
    'the post-signing check and rectification plan were not delivered within the working-day deadline (6.3)',
  ),
  // the reading a missed plan is priced under (rectification-duties.ts planBreach, 6.3), in the rectification record
  tx(
    '期限暂定（{years} 年的日历未加载，按周一至周五计）；6.3 规定 7 个工作日的计划期限，但只对逾期条目定价；未提交计划属于“其他服务承诺未履行”，按 {reading} 定价',
    'deadline PROVISIONAL (calendar year(s) {years} not loaded; Mon-Fri assumed); 6.3 sets the 7-working-day plan deadline but prices only late items; a missed plan is "another service commitment not kept", priced under {reading}',
  ),
  tx(
    '6.3 规定 7 个工作日的计划期限，但只对逾期条目定价；未提交计划属于“其他服务承诺未履行”，按 {reading} 定价',
    '6.3 sets the 7-working-day plan deadline but prices only late items; a missed plan is "another service commitment not kept", priced under {reading}',
  ),
  // the same, when the completion time was decided on a contest (rectification-past.ts)
  tx(
    '整改条目 {itemId} 在截止日期 {dueDate} 后 {days} 天完成（时间经裁定）',
    'rectification item {itemId} done {days} day(s) after its due date {dueDate} (time decided)',
  ),
  tx(
    '整改条目 {itemId} 在截止日期 {dueDate} 后 {days} 天完成',
    'rectification item {itemId} done {days} day(s) after its due date {dueDate}',
  ),
  tx(
    '截至 {lastDay} 未声明解除加密狗、时间锁和授权码（4.10）（期限暂定：该年日历未加载）',
    'no removal of dongles, time locks and licence codes was declared by {lastDay} (4.10) (deadline provisional: calendar year not loaded)',
  ),
  tx(
    '截至 {lastDay} 未声明解除加密狗、时间锁和授权码（4.10）',
    'no removal of dongles, time locks and licence codes was declared by {lastDay} (4.10)',
  ),
  tx(
    '发现限制正常运行的加密狗、时间锁或授权码：{description}（{reason}）',
    'a dongle, time lock or licence code restricting operation was found: {description} ({reason})',
  ),
  // what an onboarding enters for a fact that happened before the contract was entered (issue 10 item 4)
  tx('在合同录入平台前已声明（录入）', 'declared before the contract was entered (onboarding)'),
  tx('在合同录入平台前已提交（录入）', 'delivered before the contract was entered (onboarding)'),
  // an engineer change (4.2, 6.7): its reasons, joined by '; ', are each read back too
  tx('驻场工程师变更 {requestId}（{date} 生效）：{reasons}', 'engineer change {requestId} effective {date}: {reasons}'),
  tx('变更未经通知或书面批准即已生效（6.7）', 'the change took effect without notice or written approval (6.7)'),
  tx(
    '在 {date} 前 {days} 个工作日通知，应为 {required} 个（4.2）（暂定：{years} 年的日历未加载）',
    'notice of {days} working day(s) before {date}, {required} required (4.2) (provisional: calendar year(s) {years} not loaded)',
  ),
  tx(
    '在 {date} 前 {days} 个工作日通知，应为 {required} 个（4.2）',
    'notice of {days} working day(s) before {date}, {required} required (4.2)',
  ),
  tx('变更生效前院方未书面批准（4.2）', 'no written approval by the hospital before the change took effect (4.2)'),
  tx(
    '请求时间已裁定为 {at}：通知和批准均及时（4.2）',
    "the request's time was decided as {at}: notice and approval in time (4.2)",
  ),
  tx('冲正 {entryId}：{reason}', 'compensation of {entryId}: {reason}'),
  tx('撤回 {entryId}：{reason}', 'withdrawal of {entryId}: {reason}'),
  // why a proposal or a rights event was withdrawn (issue 10: a later fact superseded the breach)
  tx(
    '被事实 {seq} 取代：条目 {itemId} 已于 {at} 完成，未逾期超过 {days} 天（6.3）',
    'superseded by fact {seq}: item {itemId} was done at {at}, before it was more than {days} days late (6.3)',
  ),
  tx(
    '被事实 {seq} 取代：系统已于 {at} 上线；仍计收的期间（{charged}）低于合同金额的 {percent}%（6.3）',
    'superseded by fact {seq}: the system was live at {at}; the periods still charged ({charged}) are below {percent}% of the contract amount (6.3)',
  ),
  tx(
    '被事实 {seq} 取代：系统已于 {at} 上线，早于第 {period} 个期间开始（6.3）',
    'superseded by fact {seq}: the system was live at {at}, before period {period} began (6.3)',
  ),
  tx(
    '被事实 {seq} 取代：计划已于 {at} 提交，早于 {deadline}（6.3）',
    'superseded by fact {seq}: the plan was delivered at {at}, before {deadline} (6.3)',
  ),
  tx(
    '被事实 {seq} 取代：解除已在 {deadline} 前声明（4.10）',
    'superseded by fact {seq}: the removal was declared before {deadline} (4.10)',
  ),
  tx(
    '被事实 {seq} 取代：报告已于 {at} 提交，早于 {dueAt}（4.3）',
    'superseded by fact {seq}: the report was delivered at {at}, before {dueAt} (4.3)',
  ),
  tx(
    '被事实 {seq} 取代：第{year}合同年第{quarter}季度内陈述回访 {visits} 次（4.1）',
    'superseded by fact {seq}: {visits} visit(s) stated within contract year {year} quarter {quarter} (4.1)',
  ),
  tx('被 {caseId} 的事实 {seq} 取代：该请求{status}', 'superseded by fact {seq} of {caseId}: the request is {status}'),
  // a fault breach the facts no longer support (src/workflows/fault/judge.ts supersede, 4.9.2/4.9.4); its why is read back too
  tx(
    '{deadline}时限（条款 {clause}）的超时被取代：{why}（事实 {seq}）',
    'breach of {deadline} (clause {clause}) superseded: {why} (fact {seq})',
  ),
  tx('{deadline}时限（条款 {clause}）的超时被取代：{why}', 'breach of {deadline} (clause {clause}) superseded: {why}'),
  tx('已按事实本身的时间按时履行', "fulfilled in time by the fact's own time"),
  tx(
    '故障已在时限前解决（4.9.2 仅在故障未解决时适用）',
    'the fault was resolved before the deadline (4.9.2 applies only while unresolved)',
  ),
  tx('时限已推后（裁定的报告时间）', 'the deadline moved later (decided report time)'),
  tx(
    '条目 {itemId} 的完成时间裁定为 {at}（事实 {seq}）',
    'the completion time of item {itemId} was decided to be {at} (fact {seq})',
  ),
  // a history line's action (case.ts history()): the fact's code, and why in words for a superseded deadline (4.10, 6.3)
  tx('deadline.superseded（声明陈述的时间早于期限）', 'deadline.superseded (a declaration stated before the deadline)'),
  tx(
    'plan.deadline-superseded（计划已在期限前提交）',
    'plan.deadline-superseded (the plan was delivered before the deadline)',
  ),
  tx(
    'item.right-superseded（条目 {itemId} 在逾期满 30 天前已完成）',
    'item.right-superseded (item {itemId} was done before its 30-day mark)',
  ),
  // a fault deadline voided or cancelled (src/workflows/fault/duties.ts reconcile, judge.ts; 4.9.2): its note and the why of the change
  tx('不再适用：{why}', 'no longer applies: {why}'),
  tx('故障已报告', 'case reported'),
  tx('已记录响应', 'response recorded'),
  tx('报告时间已裁定（事实 {seq}）：{at}', 'report time decided (fact {seq}): {at}'),
  tx('响应时间已裁定（事实 {seq}）', 'response time decided (fact {seq})'),
  tx(
    '已重新打开：12 小时 / 24 小时时限重新起算（第 {round} 轮）',
    'reopened: the 12 h / 24 h clocks restart (round {round})',
  ),
  tx(
    '由 {from} 级改为 {to} 级；各时限按报告时间重新计算',
    're-graded from level {from} to {to}; deadlines recomputed from the report time',
  ),
  tx('无：免责已接受（{cause}），条款 4.9.2', 'none: exclusion accepted ({cause}), clause 4.9.2'),
  // who entered a past fact at onboarding (src/api/onboarding-*.ts: `${by} (entered at onboarding)`); the key's name stays as it is
  tx('{who}（录入时登记）', '{who} (entered at onboarding)'),
  // the onboarding dry run's conclusions (src/domain/onboarding-*.ts, src/api/onboarding-quarters-judged.ts): what each
  // deadline is about and the rule a past quarter was judged by (issue 10 item 4)
  tx('已声明解除加密狗', 'dongle removal declared'),
  tx('已提交整改计划', 'rectification plan delivered'),
  tx('整改条目 {itemId} 已完成', 'rectification item {itemId} done'),
  tx('上线', 'go-live'),
  tx('驻场工程师变更 {requestId} 已通知并获批准', 'staff change {requestId} notified and approved'),
  tx('第 {period} 期季度巡检报告', 'inspection report {period}'),
  tx('第 {period} 期客户回访（{required} 次）', 'customer care {period} ({required} visit(s))'),
  tx(
    '未录入：平台从该类事项首个录入的季度起跟踪，本季度不作判断也不提议扣款（录入不虚构任何事实）；录入它（完成与否）即按实时规则判断',
    'not entered: the platform tracks this kind from its first entered quarter, so nothing is judged or proposed for this one (onboarding invents nothing); enter it, done or not, to have it judged as live',
  ),
  tx('报告在截止时间前提交（4.3）：不提议扣款', 'the report was delivered before the due time (4.3): nothing proposed'),
  tx(
    '报告在截止时间后提交（4.3）：提议 6.2.1 的金额，并记录迟交的报告',
    'the report was delivered after the due time (4.3): the 6.2.1 sum is proposed, the late report recorded',
  ),
  tx(
    '截止时间前未提交报告（4.3）：提议 6.2.1 的金额',
    'no report was delivered by the due time (4.3): the 6.2.1 sum is proposed',
  ),
  tx(
    '报告在截止时间前提交，但被要求修改后退回（4.3）：案件等待修改后的报告，它将晚于截止时间，因此提交时提议 6.2.1 的金额',
    'the report was delivered before the due time and sent back with changes requested (4.3): the case awaits the revised report, which comes after the due time, so the 6.2.1 sum is proposed when it is delivered',
  ),
  tx(
    '首次报告在截止时间后提交，最后一次被退回（4.3）：提议 6.2.1 的金额；案件等待修改后的报告',
    'the first report was delivered after the due time and the last one was sent back (4.3): the 6.2.1 sum is proposed; the case awaits the revised report',
  ),
  tx(
    '本季度内陈述回访 {visits} 次，应为 {required} 次（4.1）：不提议扣款',
    '{visits} of {required} return visit(s) stated within the quarter (4.1): nothing proposed',
  ),
  tx(
    '本季度内陈述回访 {visits} 次，应为 {required} 次（4.1）：提议 6.2.1 的金额',
    '{visits} of {required} return visit(s) stated within the quarter (4.1): the 6.2.1 sum is proposed',
  ),
  // reasons an onboarding writes (src/domain/onboarding-signing.ts, src/api/onboarding-years.ts, onboarding-services.ts; issue 10 item 4)
  tx(
    '未提交计划属于“其他服务承诺未履行”：比例由院方审批人选定',
    "a missed plan is another service commitment not kept: the hospital's approver chooses the rate",
  ),
  tx(
    '第{year}合同年验收未通过（录入）（条款 3）',
    'acceptance of year {year} failed (entered at onboarding) (clause 3)',
  ),
  tx(
    '第{year}合同年验收在 {failed} 轮未通过后通过（录入）；剩余期限自 {at} 起算（条款 3）',
    'acceptance of year {year} passed after {failed} failed round(s) (entered at onboarding); the remaining term counts from {at} (clause 3)',
  ),
  // a yearly acceptance's term extension (src/workflows/cycles/acceptance-duties.ts, clause 3): who decided, the reasons as typed
  tx(
    '第{year}合同年验收未通过（{who}）：{reasons}（条款 3）',
    'acceptance of year {year} failed ({who}): {reasons} (clause 3)',
  ),
  tx(
    '第{year}合同年验收在 {round} 轮未通过后通过（{who}）；剩余期限自 {at} 起算（条款 3）',
    'acceptance of year {year} passed ({who}) after {round} failed round(s); the remaining term counts from {at} (clause 3)',
  ),
  tx('第{year}合同年验收', 'acceptance of year {year}'), // what released a payment (acceptance-duties.ts, clause 10)
  // an inspection of a year not started (src/workflows/cycles/inspection.ts, clause 3)
  tx(
    '第{year}合同年尚未开始：此前某一年的验收未通过，合同期延长至验收通过',
    "contract year {year} has not started: an earlier year's acceptance failed and the term is extended until it passes",
  ),
  tx('{fact}：按院方审批人选定的比例定价（6.5）', "{fact}: priced by the hospital approver's rate (6.5)"),
  ...FINDING_TEXT,
];
