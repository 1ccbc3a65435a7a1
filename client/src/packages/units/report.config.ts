export default definePageConfig({ navigationBarTitleText: '共建单位服务情况', enablePullDownRefresh: true });
