/** The core words in English (see ballot.zh-CN.ts): the tablet at /b?lang=en loads only these. */
import type { ballotZh } from './ballot.zh-CN.ts';

export const ballotEn: Record<keyof typeof ballotZh, string> = {
  // The product, the language switch and the formats (shared/i18n/index.ts reads these itself)
  'app.shortName': 'Minsheng',
  'lang.other': '中文',
  'format.wan': '{amount} × 10k yuan',
  'format.term': '{n} term',

  // Shared words the tablet shows: the loading line, dialogs and alerts
  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'alert.info': 'Note',
  'alert.success': 'Done',
  'alert.warning': 'Caution',
  'alert.error': 'Error',

  // Errors the client makes itself (the server's come translated)
  'error.network': 'Cannot reach the server; check the network and try again.',
  'error.http': 'The server answered with an error ({status}); try again later.',
  'error.unexpected': 'Something unexpected went wrong; reload the page and try again.',
  'error.retryHint': 'If this keeps happening, contact the system administrator.',

  // The camera QR reader
  'scan.starting': 'Starting the camera…',
  'scan.hint': 'Hold the QR code steady in the frame.',
  'scan.cancel': 'Stop scanning',
  'scan.denied': 'No permission to use the camera. Allow it in the browser settings, or type instead.',
  'scan.noCamera': 'This device has no camera available; type instead.',
  'scan.failed': 'The camera could not start; type instead.',
  'scan.videoLabel': 'Camera view',

  // The hall tablet: the ballot from the start screen to the receipt
  'ballot.title': 'Vote',
  'ballot.start.title': 'Please scan your ballot card',
  'ballot.start.lead': 'Hold the QR on your ballot card to the camera, or type the 8-character serial on the card.',
  'ballot.start.scan': 'Scan ballot card',
  'ballot.start.serialLabel': 'Or type the card’s serial',
  'ballot.start.open': 'Open ballot',
  'ballot.start.serialHint': 'The serial is printed beside the QR: 8 letters and digits.',
  'ballot.start.serialLength': 'A ballot card serial has 8 characters',
  'ballot.start.serialHelp': 'Check the serial on the card and type it again, or ask the staff for help.',
  'ballot.start.noCongress': 'This tablet is not set up yet',
  'ballot.start.noCongressNext': 'Ask the staff to open this session’s voting address on the tablet, or scan the card instead.',
  'ballot.loading': 'Opening the ballot…',
  'ballot.casting': 'Submitting…',
  'ballot.saving.title': 'Saving, please wait…',
  'ballot.saving.lead': 'Your ballot is kept on this screen and will be sent as soon as the server answers. Sending it again never counts it twice.',
  'ballot.saving.hint': 'Please stay here; if it takes long, raise your hand for the staff.',
  'ballot.refused.next': 'Please raise your hand; the staff will help you.',
  'ballot.refused.badToken': 'The ballot card’s QR was not read completely',
  'ballot.refused.badTokenNext': 'Hold the whole QR on the card to the camera and scan again, or type the 8-character serial. If it still fails, please raise your hand for the staff.',
  'ballot.refused.back': 'Back',
  'ballot.serial': 'Card {serial}',
  'ballot.count': '{n} for / at most {max}',
  'ballot.overWarning': 'More than {max} “for”: this ballot will be invalid',
  'ballot.rule.fae': 'Choose “For”, “Against” or “Abstain” for each project. At most {max} “For”; more makes the whole ballot invalid. A project left unmarked counts as abstain.',
  'ballot.rule.approve': 'Tick the projects you support, at most {max}; more makes the whole ballot invalid.',
  'ballot.investment': 'Investment {amount}',
  'ballot.lead': 'Lead: {dept}',
  'ballot.completion': 'Due: {date}',
  'ballot.marksFor': 'Your vote on “{title}”',
  'ballot.mark.for': 'For',
  'ballot.mark.against': 'Against',
  'ballot.mark.abstain': 'Abstain',
  'ballot.mark.approve': 'Support',
  'ballot.mark.notApproved': 'Not ticked',
  'ballot.mark.none': 'Not marked (abstain)',
  'ballot.toReview': 'Review ballot',
  'ballot.review.title': 'Please check your ballot',
  'ballot.review.lead': '{title}: your vote on each project. Submit when it is right.',
  'ballot.review.overTitle': 'You marked {n} “for”, more than the {max} allowed',
  'ballot.review.overText': 'Submitted like this, the whole ballot is invalid and counts for no project. Go back and change it.',
  'ballot.review.back': 'Go back and change',
  'ballot.review.confirm': 'Confirm my vote — it cannot be changed after',
  'ballot.receipt.title': 'Your vote is recorded',
  'ballot.receipt.lead': 'Your receipt code:',
  'ballot.receipt.label': 'Receipt code',
  'ballot.receipt.note': 'Note the receipt code. Once the result is published you can use it to check that your ballot was counted (it does not show how you voted).',
  'ballot.receipt.clearing': 'The screen clears in {n} s for the next representative.',

  // The receipt on the hall tablet
  'hall.receipt.keep': 'Keep it on screen',
  'hall.receipt.kept': 'The receipt stays until you tap Done. Tap Done when you have it, so the next representative does not see your receipt.',
  'hall.receipt.print': 'Print the receipt',
  'hall.receipt.done': 'Done (clear the receipt)',
  'hall.receipt.slipTitle': 'Ballot receipt',
  'hall.receipt.slipVote': 'Vote: {title}',
  'hall.receipt.slipCheck': 'Once the result is published, scan the QR code with a phone or open the address below, and type the receipt above to check that your ballot was counted.',
  'hall.receipt.slipNote': 'The receipt does not show how you voted and does not carry your name. Keep it yourself.',
  'hall.receipt.idleClear': 'If no one touches the screen for {n} minutes, it clears by itself.',

  // A kiosk voting tablet: its badge and the staff's way off it
  'kiosk.kind.ballot': 'Voting tablet',
  'kiosk.badge': '{kind} · {label}',
  'kiosk.leave.open': 'Staff: leave',
  'kiosk.leave.title': 'Leave kiosk mode',
  'kiosk.leave.lead':
    'Only a staff member (administrator) of this congress can leave. The tablet then stops working at once and the device goes to the sign-in page, with nobody signed in.',
  'kiosk.leave.username': 'Staff username',
  'kiosk.leave.password': 'Password',
  'kiosk.leave.submit': 'Sign in and leave kiosk mode',

  // Words of the office that the formats in index.ts use
  'office.fraction.all': 'all',
  'office.body.county': "Standing Committee of the {place} People's Congress",
  'office.body.township': "Presidium of the {place} People's Congress",
  // Each vote method's name (shared/ballot/methods: the tablet bundles the method modules, which name them)
  'settings.markMode.for_against_abstain': 'For / against / abstain',
  'settings.markMode.approve': 'Tick “for” only (up to the seats)',
};
