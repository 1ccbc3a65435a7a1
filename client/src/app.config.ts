export default defineAppConfig({
  pages: [
    'pages/stations/index',
    'pages/requests/index',
    'pages/booking/index',
    'pages/points/index',
    'pages/me/index',
    'pages/station-detail/index',
    'pages/station-map/index',
    'pages/station-report/index',
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#c8372d',
    navigationBarTitleText: '邻里',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8372d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/requests/index', text: '接诉即办' },
      { pagePath: 'pages/booking/index', text: '延时服务' },
      { pagePath: 'pages/points/index', text: '积分' },
      { pagePath: 'pages/stations/index', text: '驿站' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
  permission: {
    'scope.userLocation': { desc: '用于查找离您最近的暖新驿站并计算距离' },
  },
  requiredPrivateInfos: ['getLocation'],
  __usePrivacyCheck__: true,
});
