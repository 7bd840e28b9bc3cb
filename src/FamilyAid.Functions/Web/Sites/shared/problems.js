// Errors in words: every problem `code` the API can answer with (the `code` enum of /api/openapi.json, from
// Http/ProblemCatalog) as one plain simplified-Chinese sentence — what happened and, where it helps, what to do next.
// ProblemWordsTests fail when the document names a code this table lacks, or this table keeps a code the API dropped.

const FALLBACK = '出错了，请稍后再试。';

// What a problem's `field` names, in the applicant's words (a field not here is left unnamed).
const fields = {
  amountFen: '金额', amount: '金额', personalAccountFen: '个人账户金额', paymentCode: '付款码',
  residentId: '身份证号', 'member.residentId': '家人的身份证号', 'member.name': '家人的姓名', 'member.phone': '家人的手机号',
  'member.birthCertificateNumber': '出生医学证明编号', name: '姓名', phone: '手机号', relation: '与您的关系', kind: '业务类型',
  region: '参保地区', scheme: '险种', year: '年度', reason: '原因', startDate: '开始日期', endDate: '结束日期',
  destination: '就医地', 'destination.provinceCode': '就医省份', 'destination.cityCode': '就医城市',
  referral: '转诊信息', 'referral.certificateNumber': '转诊单编号', 'referral.issuedBy': '转出医院',
};

// The documents of a binding request (the `missing` member of missing-documents).
const documents = {
  'authorizer-id-front': '授权人身份证人像面', 'authorizer-id-back': '授权人身份证国徽面', 'member-id-front': '家人身份证人像面',
  'member-id-back': '家人身份证国徽面', 'hukou-home': '户口簿首页', 'hukou-member': '户口簿成员页', 'commitment-letter': '承诺书',
};

const named = problem => fields[problem.field] ?? null;

const sentences = {
  // Any request.
  'bad-request': '请求格式有误，请刷新页面后重试。',
  'invalid-json': '提交的内容格式有误，请刷新页面后重试。',
  'invalid-request': p => named(p) ? `${named(p)}填写有误，请检查后重试。` : '填写的内容有误，请检查后重试。',
  'unauthorized': '登录已失效，请重新登录。',
  'forbidden': '您没有权限办理此项业务。',
  'not-found': '没有找到相关记录，它可能已被撤销或不存在。',
  'method-not-allowed': '暂不支持此操作，请刷新页面后重试。',
  'concurrent-update': '同一业务正有其他操作在处理，请稍后再试。',
  'body-too-large': '提交的内容过大，请精简后重试。',
  'unsupported-media-type': '提交的内容格式不受支持，请刷新页面后重试。',
  'rate-limited': p => Number.isInteger(p.retryAfter) && p.retryAfter > 0
    ? `操作太频繁，请 ${p.retryAfter} 秒后再试。`
    : '操作太频繁，请稍等一分钟再试。',
  'request-headers-too-large': '请求信息过大，请清理浏览器缓存后重试。',
  'cancelled': '请求已取消。',
  'internal-error': '系统出了点问题，我们已记录，请稍后再试。',
  'storage-unavailable': '系统暂时繁忙，请稍后再试。',
  'error': FALLBACK,
  'idempotency-key-required': '页面缺少防重复提交标识，请刷新页面后重试。',
  'invalid-idempotency-key': '防重复提交标识无效，请刷新页面后重试。',
  'idempotency-conflict': '这笔操作已经以不同的内容提交过，请刷新页面后重新发起。',
  'request-in-progress': '上一次提交仍在处理中，请稍候查看结果，不要重复提交。',

  // Values and callers.
  'invalid-resident-id': '身份证号码不正确，请核对 18 位号码（含末位校验码）。',
  'unknown-region': '暂不支持该参保地区。',
  'unknown-division': p => named(p) ? `${named(p)}无法识别，请重新选择城市。` : '所选城市无法识别，请重新选择。',
  'institution-not-designated': '该机构今日不是定点医药机构，不能结算。',

  // Binding requests (家庭共济, 亲情账户), documents, face check.
  'invalid-birth-certificate-number': '出生医学证明编号格式不正确，请核对后重新填写。',
  'authorizer-not-eligible': '您目前不能发起此项授权：家庭共济需要您本人的职工医保正常参保。',
  'member-not-insured': '这位家人目前没有正常参保，暂不能绑定。',
  'member-mismatch': '家人的姓名与参保登记信息不一致，请核对姓名和身份证号。',
  'relation-not-allowed': '您所在地区不允许绑定这种亲属关系，请选择其他关系。',
  'already-in-group': '这位家人已经绑定，或你们已在其他家庭共济组中，不能重复绑定。',
  'duplicate-request': '这位家人已有一份正在办理的申请，请在“审批进展”中查看。',
  'missing-documents': p => {
    const missing = (Array.isArray(p.missing) ? p.missing : []).map(type => documents[type]).filter(Boolean);
    const commitment = p.commitmentConfirmed === false ? '请先确认承诺书。' : '';
    return missing.length ? `还缺少材料：${missing.join('、')}，请上传后再提交。${commitment}`
      : commitment || '材料还不齐全，请补齐后再提交。';
  },
  'document-not-required': '这份申请不需要该材料。',
  'documents-locked': '申请已提交，材料不能再修改。',
  'already-submitted': '申请已经提交，请等待审核结果。',
  'already-final': '这份申请已办结，不能再修改。',
  'not-in-review': '这份申请已不在审核中，可能已被处理。',
  'not-awaiting-face-check': '这份申请当前不需要人脸核验。',
  'unknown-face-check-session': '这次人脸核验已失效，请重新开始核验。',
  'birth-certificate-not-applicable': '出生医学证明只适用于未满一岁的子女，请改为上传户口簿页面。',
  'proxy-limit': '您代办亲情账户的人数已达上限（办理中的申请也计算在内）。',
  'cross-province-not-open': '家人在外省参保，该日期尚未开放跨省共济。',
  'no-policy-in-force': '该地区在这一天没有生效的政策，暂不能办理。',
  'unsupported-document': '材料只支持 JPG、PNG 照片或 PDF 文件，请重新选择。',
  'document-too-large': '文件太大，请压缩或重新拍照后上传。',
  'consent-required': '请先同意人脸信息处理授权，再进行人脸核验。',
  'invalid-signature': '人脸核验结果的签名无效，已拒收。',
  'unknown-session': '没有找到这次人脸核验，请重新开始。',

  // Money.
  'category-not-covered': '此类项目（如保健、健身）不能用医保账户支付，请改用现金支付。',
  'invalid-payment-code': '付款码无效或已过期，请刷新付款码后重试。',
  'category-not-allowed-for-institution': '该机构不能结算此类项目（定点药店只结算药品）。',
  'no-remote-registration': '您在外省就医，今天没有有效的异地就医备案：请先办理备案（可补办），或按急诊结算。',
  'no-family-pool': '您没有可转入的家庭共济资金池（仅部分地区设有），家人可直接使用您的账户。',
  'insufficient-balance': '账户可用余额不足，请减少金额或改用现金支付。',
  'not-in-family': '只有有效家庭关系中的成员或授权人才能出示付款码。',
  'premium-already-paid': '这笔保费今年已经缴纳，无需重复缴纳。',
  'premium-not-allowed': '您所在地区的政策不允许用账户代缴这笔保费。',

  // Remote-treatment registration (异地就医备案).
  'destination-is-home': '在本省就医无需办理异地就医备案。',
  'start-date-out-of-range': '开始日期超出允许范围，请重新选择。',
  'end-date-too-early': '临时备案的有效期至少六个月，请把结束日期往后调整。',
  'referral-required': '转诊备案需要填写转诊信息（转出医院和转诊单编号）。',
  'proof-not-accepted': '该地区不接受证明材料，请改用“个人承诺”方式备案。',
  'overlapping-registration': '这段时间已有其他备案，请先撤销原备案，或从它结束后开始。',
  'registration-not-open': '这份备案已撤销、驳回或过期，不能再办理此操作。',

  // Platform sync.
  'unknown-person': '没有找到这个身份证号对应的参保人。',
};

/** Every code this table explains (a test compares them with the OpenAPI document's). */
export const explained = Object.freeze(Object.keys(sentences));

/** The plain Chinese sentence for a parsed problem+json body ({type, title, status, detail, code, ...}); a generic
 *  one for an unknown code or no problem at all. */
export function sentence(problem) {
  const code = problem && typeof problem === 'object' ? problem.code : undefined;
  const words = typeof code === 'string' && Object.hasOwn(sentences, code) ? sentences[code] : FALLBACK;
  return typeof words === 'function' ? words(problem) : words;
}
