// Remote-treatment registrations (异地备案) in the review queue: how one reads as a queue entry and as a request.
// A registration has no uploads and no relation: its proof, destination and dates are what the reviewer checks.

/** A registration of GET /api/review/remote-registrations as a queue entry beside the binding requests. */
export function remoteEntry(view) {
  return { type: 'remote', id: view.id, submittedAt: view.submittedAt, dueAt: view.dueAt, escalated: false, overdue: view.overdue, view };
}

/** The queue's one-line summary: kind, destination, dates and the person's masked ID. */
export function remoteSummary(view, t) {
  return [t(`remoteKind.${view.kind}`), place(view), validity(view, t), view.person?.residentIdMasked ?? '—'].join(' · ');
}

/** The facts of an opened registration, as [word key, text] pairs. */
export function remoteFacts(view, t) {
  return [
    ['requestId', view.id], ['kind', t('remote')], ['remoteKindLabel', t(`remoteKind.${view.kind}`)], ['destination', place(view)],
    ['validity', validity(view, t)], ['proof', t(`proof.${view.proof}`)],
    ...(view.referral ? [['referral', t('referralNote', view.referral)]] : []),
    ['status', t(`remoteStatus.${view.status}`)], ['submittedAt', t.dateTime(view.submittedAt)], ['dueAt', t.dateTime(view.dueAt)],
    ...(view.filedBy !== view.personId ? [['filedBy', t('filedByProxy', { id: view.filedBy })]] : []),
    ...(view.temporaryRatioReductionPoints ? [['policyRule', t('ratioCut', { n: view.temporaryRatioReductionPoints })]] : []),
  ];
}

function place(view) {
  return view.destination.cityName ?? view.destination.cityCode;
}

function validity(view, t) {
  return view.validUntil ? t('validFromTo', { start: view.startDate, end: view.validUntil }) : t('validFrom', { start: view.startDate });
}
