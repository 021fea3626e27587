import { HomeView } from '../components/workshop/HomeView';

export default function HomePage() {
  return <HomeView />;
}
