export default definePageConfig({ navigationBarTitleText: '暖新驿站', enablePullDownRefresh: true });
