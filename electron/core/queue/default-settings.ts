import type { QueueSettings } from '../../../shared/schemas/queue'

/**
 * A new kiosk runs the built-in queue, numbers restart at midnight Vietnam time, and the priority groups are the
 * ones the law names for priority at public service points (Luật Người cao tuổi, Luật Người khuyết tật, chính
 * sách ưu đãi người có công, and pregnant women). Printing stays off until IT names a printer.
 */
export const defaultQueueSettings: QueueSettings = {
  source: 'builtin',
  external: null,
  resetHour: 0,
  timeZone: 'Asia/Ho_Chi_Minh',
  priorityGroups: [
    { key: 'nguoi_cao_tuoi', label: { vi: 'Người cao tuổi', en: 'Elderly person' } },
    { key: 'nguoi_khuyet_tat', label: { vi: 'Người khuyết tật', en: 'Person with a disability' } },
    { key: 'phu_nu_mang_thai', label: { vi: 'Phụ nữ mang thai', en: 'Pregnant woman' } },
    { key: 'nguoi_co_cong', label: { vi: 'Người có công với cách mạng', en: 'Person of merit to the revolution' } },
  ],
  printer: { enabled: false, deviceName: '', paperWidthMm: 80 },
  voice: { enabled: true, volume: 0.9 },
}
