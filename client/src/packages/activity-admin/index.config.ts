export default definePageConfig({ navigationBarTitleText: '志愿活动管理', enablePullDownRefresh: true });
