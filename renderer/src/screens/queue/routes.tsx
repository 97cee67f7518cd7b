import { Route } from 'react-router'
import type { CentreOverview } from '../../../../shared/schemas/centre'
import { BoardScreen } from './BoardScreen'
import { CounterControlScreen } from './CounterControlScreen'
import { CounterGate } from './CounterGate'
import { CounterPickScreen } from './CounterPickScreen'
import { TakeNumberScreen } from './TakeNumberScreen'
import { TicketScreen } from './TicketScreen'

/** The queue's screens, for App's <Routes>. The counter screens are behind the staff PIN (`CounterGate`). */
export function queueRoutes(overview: CentreOverview) {
  return [
    <Route key="take" path="/take/:fieldId" element={<TakeNumberScreen overview={overview} />} />,
    <Route key="ticket" path="/ticket" element={<TicketScreen overview={overview} />} />,
    <Route key="board" path="/board" element={<BoardScreen overview={overview} />} />,
    <Route
      key="counters"
      path="/counter"
      element={
        <CounterGate centre={overview.centre}>
          <CounterPickScreen overview={overview} />
        </CounterGate>
      }
    />,
    <Route
      key="counter"
      path="/counter/:counterId"
      element={
        <CounterGate centre={overview.centre}>
          <CounterControlScreen overview={overview} />
        </CounterGate>
      }
    />,
  ]
}
