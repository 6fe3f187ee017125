export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'Demo@2026';

export const E2E_USERS = [{ username: 'e2e_lock', displayName: '锁定测试', role: 'clerk', password: 'Lock@2026' }] as const;
