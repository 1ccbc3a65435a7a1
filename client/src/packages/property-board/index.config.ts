export default definePageConfig({ navigationBarTitleText: '物业红黑榜', enablePullDownRefresh: true });
