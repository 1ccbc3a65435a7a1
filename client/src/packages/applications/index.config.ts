export default definePageConfig({ navigationBarTitleText: '兼职网格员申请', enablePullDownRefresh: true });
