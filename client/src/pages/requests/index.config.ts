export default definePageConfig({ navigationBarTitleText: '接诉即办', enablePullDownRefresh: true });
