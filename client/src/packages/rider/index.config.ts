export default definePageConfig({ navigationBarTitleText: '骑手身份' });
