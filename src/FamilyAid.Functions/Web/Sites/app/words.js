// The applicant's page speaks simplified Chinese only (the mini-programs it stands in for do); the keys are the API's
// wire names, so a new value shows as itself rather than breaking the page.
export const words = {
  zh: {
    'kind.sharing': '家庭共济', 'kind.proxy': '亲情账户',
    'kindNote.sharing': '用我的个人账户为家人支付医药费', 'kindNote.proxy': '代家人查询账户、展示电子凭证',
    'relation.spouse': '配偶', 'relation.parent': '父母', 'relation.child': '子女', 'relation.sibling': '兄弟姐妹',
    'relation.grandparent': '祖父母', 'relation.maternal-grandparent': '外祖父母', 'relation.grandchild': '孙子女',
    'relation.maternal-grandchild': '外孙子女',
    'status.awaiting-documents': '待上传材料', 'status.in-review': '审核中', 'status.awaiting-face-check': '待人脸核验',
    'status.approved': '已开通', 'status.rejected': '未通过', 'status.cancelled': '已撤销', 'status.expired': '已过期',
    'doc.authorizer-id-front': '本人身份证人像面', 'doc.authorizer-id-back': '本人身份证国徽面', 'doc.member-id-front': '家人身份证人像面',
    'doc.member-id-back': '家人身份证国徽面', 'doc.hukou-home': '户口簿首页', 'doc.hukou-member': '户口簿家人页', 'doc.commitment-letter': '承诺书',
    'event.requested': '提交申请', 'event.document-uploaded': '上传材料', 'event.submitted': '提交审核', 'event.review-approved': '审核通过',
    'event.verified-offline': '线下核验通过', 'event.face-check-started': '开始人脸核验', 'event.face-check-passed': '人脸核验通过',
    'event.face-check-failed': '人脸核验未通过', 'event.review-escalated': '超时已升级处理', 'event.activation-started': '正在开通',
    'event.approved': '已开通', 'event.already-in-group': '对方已在其他家庭', 'event.proxy-limit': '代办人数已满', 'event.rejected': '未通过',
    'event.cancelled': '已撤销', 'event.expired': '已过期', 'event.effect-failed': '处理异常，正在重试',
    'reason.settlement': '医药费结算', 'reason.refund': '退费', 'reason.transfer-out': '划入家庭账户', 'reason.transfer-in': '家庭账户划入',
    'reason.platform-adjustment': '医保平台调整', 'reason.quota-set': '设置共济额度', 'reason.quota-released': '共济额度退回', 'reason.premium': '代缴保费',
    'remote.resettled-retiree': '异地安置退休', 'remote.long-term-residence': '异地长期居住', 'remote.resident-worker': '常驻异地工作',
    'remote.referral': '转诊转院', 'remote.emergency': '异地急诊抢救', 'remote.temporary-other': '其他临时外出就医',
    'remoteStatus.active': '已生效', 'remoteStatus.in-review': '审核中', 'remoteStatus.cancelled': '已撤销', 'remoteStatus.expired': '已过期',
    'remoteStatus.rejected': '未通过',
    notAToken: '这不是有效的令牌。', expired: '登录已过期，请重新登录。', signedOut: '已退出。', notApplicant: '请使用参保人身份登录。',
    who: '参保人 {sub}', policy: '适用政策：{version}（{from} 起施行）', notInPolicy: '{version} 不含此关系',
    fromDate: '{date} 起可办理', uploaded: '已上传', notUploaded: '未上传', uploading: '上传中 {n}%', uploadFailed: '上传失败：{why}',
    resized: '已压缩：{from} → {to}', camera: '拍照', chooseFile: '选择文件', retry: '重试', requestTitle: '{kind} · {relation} · {name}',
    requestId: '申请编号', status: '状态', dueAt: '办理时限', policyVersion: '适用政策', requestedAt: '申请时间',
    fillAll: '请填写对方的姓名、身份证号和手机号。', pickRelation: '请选择与对方的关系。', created: '申请已创建，请上传材料。',
    submitted: '已提交，请留意审批进展。', invite: '您有一条{kind}邀请待确认：申请人登记您为其{relation}。',
    consent: '我同意本次人脸识别核验，仅用于确认本人意愿', startFaceCheck: '开始人脸核验', faceChecking: '人脸核验进行中，请稍候…',
    facePassed: '核验通过，家庭关系已开通。', faceFailed: '核验未通过，可以再试一次。', needConsent: '请先勾选同意人脸核验。',
    role_member: '我是被邀请人', balance: '个人账户余额', reserved: '已预留的共济额度', available: '可用余额', pool: '家庭共济账户',
    sharer: '共济人', quota: '共济额度', setQuota: '设置额度', quotaLabel: '为{name}预留的共济额度（元）', quotaSet: '额度已设为 {amount}。',
    endRelationship: '解除关系', confirmEnd: '确定与{name}解除{kind}关系吗？解除后已生成的付款码立即失效，未用完的共济额度退回共济人。',
    ended: '已解除与{name}的关系。', showVoucher: '展示{name}的电子凭证', myCode: '我的医保付款码', voucherOf: '{name}的医保电子凭证',
    countdown: '{n} 秒后自动刷新', codeExpired: '付款码已过期，请点刷新。', self: '本人', cancelRegistration: '撤销备案',
    confirmCancel: '确定撤销这条备案吗？', registered: '备案已提交：{status}。', validUntil: '有效期至 {date}', longTerm: '长期有效',
    filedFor: '备案人：{name}', yuan: '¥{amount}', statementOf: '{name}的账户明细',
  },
  en: {},
};

/** Regions by their slug (the API's); any other shows as its slug. */
export const regions = {
  guangdong: '广东省', gansu: '甘肃省', national: '全国',
};

/** Cities a registration can name here (GB/T 2260 codes the API knows); the API refuses any other. */
export const cities = [
  ['440100', '广东省 广州市'], ['440300', '广东省 深圳市'], ['620100', '甘肃省 兰州市'], ['110100', '北京市'],
  ['310100', '上海市'], ['510100', '四川省 成都市'], ['330100', '浙江省 杭州市'],
];

/** The registration kinds, as the API names them. */
export const remoteKinds = ['temporary-other', 'resettled-retiree', 'long-term-residence', 'resident-worker', 'referral', 'emergency'];
