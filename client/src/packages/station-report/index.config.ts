export default definePageConfig({ navigationBarTitleText: '反馈问题' });
