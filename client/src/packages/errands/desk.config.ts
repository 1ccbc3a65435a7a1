export default definePageConfig({ navigationBarTitleText: '代办工作台', enablePullDownRefresh: true });
