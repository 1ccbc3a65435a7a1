export default definePageConfig({ navigationBarTitleText: '服务记录导出', enablePullDownRefresh: true });
