export default definePageConfig({ navigationBarTitleText: '工作群提醒' });
