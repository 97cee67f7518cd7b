import type { WebhookUrlProblem } from '../alerts/webhook-url'

/** Dashboard texts, Vietnamese first (the leaders' language), English second (for donors' auditors and IT). */
export type Lang = 'vi' | 'en'

const TEXTS = {
  title: ['Bảng điều khiển mức độ hài lòng', 'Satisfaction dashboard'],
  skip: ['Bỏ qua đến nội dung chính', 'Skip to main content'],
  overview: ['Tổng quan', 'Overview'],
  devices: ['Thiết bị', 'Devices'],
  disputes: ['Khiếu nại đánh giá', 'Disputes'],
  alerts: ['Cảnh báo', 'Alerts'],
  flags: ['Dấu hiệu bất thường', 'Anomaly flags'],
  users: ['Tài khoản', 'Accounts'],
  logout: ['Đăng xuất', 'Sign out'],
  login: ['Đăng nhập', 'Sign in'],
  username: ['Tên đăng nhập', 'Username'],
  password: ['Mật khẩu', 'Password'],
  loginFailed: ['Tên đăng nhập hoặc mật khẩu không đúng.', 'Wrong username or password.'],
  loginLocked: ['Tạm khoá do nhập sai nhiều lần. Vui lòng thử lại sau.', 'Locked after repeated failures. Try again later.'],
  loginSlow: ['Quá nhiều lần thử từ máy này. Vui lòng đợi một phút.', 'Too many attempts from this computer. Wait a minute.'],
  language: ['English', 'Tiếng Việt'],
  from: ['Từ ngày', 'From'],
  to: ['Đến ngày', 'To'],
  show: ['Xem', 'Show'],
  centre: ['Trung tâm', 'Centre'],
  ratings: ['Số lượt đánh giá', 'Ratings'],
  satisfied: ['Hài lòng', 'Satisfied'],
  rate: ['Tỉ lệ hài lòng', 'Satisfaction rate'],
  rank: ['Hạng', 'Rank'],
  ranking: ['Xếp hạng trung tâm theo tỉ lệ hài lòng', 'Centres ranked by satisfaction rate'],
  trend: ['Tỉ lệ hài lòng theo tuần', 'Satisfaction rate by week'],
  weekOf: ['Tuần bắt đầu', 'Week of'],
  byField: ['Theo lĩnh vực', 'By field'],
  byCounter: ['Theo quầy', 'By counter'],
  byOfficer: ['Theo cán bộ', 'By officer'],
  field: ['Lĩnh vực', 'Field'],
  counter: ['Quầy', 'Counter'],
  officer: ['Cán bộ', 'Officer'],
  officerId: ['mã', 'id'],
  reasons: ['Lý do không hài lòng', 'Reasons for dissatisfaction'],
  reason: ['Lý do', 'Reason'],
  times: ['Số lần', 'Times'],
  comments: ['Góp ý gần đây kèm đánh giá không hài lòng', 'Latest comments with a negative rating'],
  comment: ['Góp ý', 'Comment'],
  time: ['Thời điểm', 'Time'],
  levels: ['Phân bố mức đánh giá', 'Ratings by level'],
  level: ['Mức', 'Level'],
  exportCsv: ['Tải báo cáo tháng (CSV)', 'Monthly report (CSV)'],
  exportXlsx: ['Tải báo cáo tháng (Excel)', 'Monthly report (Excel)'],
  month: ['Tháng', 'Month'],
  device: ['Thiết bị', 'Device'],
  lastHeartbeat: ['Tín hiệu gần nhất', 'Last heartbeat'],
  pending: ['Chưa gửi', 'Pending'],
  stored: ['Đã nhận', 'Stored'],
  chain: ['Chuỗi toàn vẹn', 'Chain'],
  chainOk: ['Nguyên vẹn đến số', 'Intact up to seq'],
  chainBad: ['Sai lệch từ số', 'Broken from seq'],
  never: ['Chưa có', 'Never'],
  revoked: ['Đã thu hồi', 'Revoked'],
  state: ['Trạng thái', 'State'],
  open: ['Đang xem xét', 'Open'],
  upheld: ['Chấp nhận khiếu nại', 'Upheld'],
  rejected: ['Bác khiếu nại', 'Rejected'],
  note: ['Ghi chú', 'Note'],
  outcomeNote: ['Kết luận', 'Outcome note'],
  by: ['Người xử lý', 'By'],
  kind: ['Loại', 'Kind'],
  attempts: ['Số lần gửi', 'Attempts'],
  delivered: ['Đã gửi', 'Delivered'],
  waiting: ['Đang chờ gửi', 'Waiting'],
  nextAttempt: ['Lần gửi tiếp', 'Next attempt'],
  lastError: ['Lỗi gần nhất', 'Last error'],
  webhook: ['Địa chỉ nhận cảnh báo (webhook)', 'Alert webhook'],
  webhookUrl: ['URL nhận cảnh báo', 'Webhook URL'],
  webhookSecret: ['Khoá ký (ít nhất 16 ký tự)', 'Signing secret (16+ characters)'],
  silentMinutes: ['Báo thiết bị mất tín hiệu sau (phút)', 'Report a silent device after (minutes)'],
  save: ['Lưu', 'Save'],
  saved: ['Đã lưu.', 'Saved.'],
  webhookPolicy: [
    'Chỉ dùng https://. Được dùng http:// khi gửi tới máy chủ chuyển tiếp trong mạng nội bộ (địa chỉ IP riêng hoặc chính máy này). Không ghi tên đăng nhập, mật khẩu vào URL.',
    'https:// only. http:// is allowed to a relay on the internal network (a private IP address or this machine). No user name or password in the URL.',
  ],
  webhookRefused: [
    'Địa chỉ nhận cảnh báo đang lưu không đạt quy định nên cảnh báo chưa được gửi; hãy nhập địa chỉ mới.',
    'The saved webhook URL breaks the rules, so no alert is sent; enter a new one.',
  ],
  notConfigured: ['Chưa cấu hình địa chỉ nhận cảnh báo.', 'No webhook configured yet.'],
  noData: ['Chưa có dữ liệu trong khoảng thời gian này.', 'No data for this period.'],
  subject: ['Đối tượng', 'Subject'],
  value: ['Mức độ', 'Figure'],
  period: ['Khoảng thời gian', 'Period'],
  flagsNote: [
    'Các dấu hiệu chỉ để xem xét; không đánh giá nào bị thay đổi.',
    'Flags are for review only; no rating is ever changed.',
  ],
  role: ['Vai trò', 'Role'],
  displayName: ['Họ và tên', 'Full name'],
  addUser: ['Thêm tài khoản', 'Add account'],
  disable: ['Khoá', 'Disable'],
  enable: ['Mở khoá', 'Enable'],
  disabled: ['Đã khoá', 'Disabled'],
  active: ['Đang dùng', 'Active'],
  none: ['Không', 'None'],
  province: ['Sở Nội vụ (toàn tỉnh)', 'Province (all centres)'],
  leader: ['Lãnh đạo trung tâm', 'Centre leader'],
  auditor: ['Kiểm tra (chỉ xem)', 'Auditor (read only)'],
  notFound: ['Không tìm thấy trang.', 'Page not found.'],
  forbidden: ['Bạn không có quyền xem trang này.', 'You may not see this page.'],
  badForm: ['Dữ liệu không hợp lệ', 'Invalid input'],
  noSuchCentre: ['Chưa có trung tâm này', 'No such centre'],
  action: ['Thao tác', 'Action'],
} as const satisfies Record<string, readonly [string, string]>

export type TextKey = keyof typeof TEXTS

export function t(lang: Lang, key: TextKey): string {
  return TEXTS[key][lang === 'vi' ? 0 : 1]
}

const FLAG_TEXTS = {
  burst: ['Đánh giá dồn dập tại một quầy (≥ 4 lượt trong 1 phút)', 'Burst at one counter (4+ ratings in a minute)'],
  'officer-bunched': ['Đánh giá của một cán bộ dồn trong ít phút (≥ 8 lượt trong 10 phút)', "An officer's ratings bunched (8+ in 10 minutes)"],
  'outside-hours': ['Đánh giá ngoài giờ làm việc', 'Ratings outside opening hours'],
  'anonymous-rising': ['Tỉ lệ đánh giá không kèm phiếu tăng (%)', 'Anonymous ratings rising (% of last 7 days)'],
  'disputes-upheld': ['Tỉ lệ khiếu nại được chấp nhận cao (%)', 'High share of upheld disputes (%)'],
  'negative-rating': ['Đánh giá không hài lòng', 'Negative rating'],
  tamper: ['Dấu hiệu can thiệp dữ liệu', 'Tamper evidence'],
  'silent-device': ['Thiết bị mất tín hiệu', 'Device silent'],
} as const

export function kindText(lang: Lang, kind: keyof typeof FLAG_TEXTS): string {
  return FLAG_TEXTS[kind][lang === 'vi' ? 0 : 1]
}

const WEBHOOK_PROBLEMS = {
  notUrl: ['URL nhận cảnh báo không hợp lệ.', 'The webhook URL is not a valid URL.'],
  tooLong: ['URL nhận cảnh báo dài quá 500 ký tự.', 'The webhook URL is longer than 500 characters.'],
  scheme: ['URL nhận cảnh báo phải bắt đầu bằng https://.', 'The webhook URL must start with https://.'],
  plainHttpPublic: [
    'Không được gửi cảnh báo qua http:// không mã hoá ra Internet. Hãy dùng https://, hoặc http:// tới địa chỉ IP nội bộ (10.x, 172.16–31.x, 192.168.x) hay chính máy này.',
    'Alerts may not cross the internet over unencrypted http://. Use https://, or http:// to an internal IP address (10.x, 172.16–31.x, 192.168.x) or this machine.',
  ],
  credentials: [
    'Không ghi tên đăng nhập hay mật khẩu trong URL; người nhận xác thực bằng chữ ký (khoá ký).',
    'No user name or password in the URL; the receiver authenticates by the signature (signing secret).',
  ],
  fragment: ['URL nhận cảnh báo không được có phần sau dấu #.', 'The webhook URL may not have a # fragment.'],
  oddTarget: [
    'Địa chỉ này không thể là nơi nhận cảnh báo (địa chỉ link-local, multicast, broadcast hoặc 0.0.0.0).',
    'This address cannot receive alerts (link-local, multicast, broadcast or 0.0.0.0).',
  ],
} as const satisfies Record<WebhookUrlProblem, readonly [string, string]>

export function webhookProblemText(lang: Lang, problem: WebhookUrlProblem): string {
  return WEBHOOK_PROBLEMS[problem][lang === 'vi' ? 0 : 1]
}

/** Date and time in Vietnam, whatever the server's time zone. */
export function formatTime(ms: number, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(ms)
}
