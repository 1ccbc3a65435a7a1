export default definePageConfig({ navigationBarTitleText: '报告志愿服务' });
