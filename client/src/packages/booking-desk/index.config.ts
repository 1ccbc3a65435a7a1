export default definePageConfig({ navigationBarTitleText: '服务中心预约台', enablePullDownRefresh: true });
