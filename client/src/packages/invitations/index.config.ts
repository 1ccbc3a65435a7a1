export default definePageConfig({ navigationBarTitleText: '人员邀请', enablePullDownRefresh: true });
