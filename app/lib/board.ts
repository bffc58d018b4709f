// Pure moves on the kanban board (used for optimistic updates and their rollback).
import type { PipelineStage } from '../../worker/db/enums'
import type { ColumnDto, OrganisationDto } from './types'

const money = (v: number) => (Math.round(v * 100) / 100).toFixed(2)
const amount = (o: OrganisationDto) => Number(o.amount ?? 0)

export function findCard(board: ColumnDto[], id: string) {
  for (const col of board) {
    const card = col.cards.find((c) => c.id === id)
    if (card) return { col, card }
  }
  return null
}

// Moves a card to another column, keeping counts, totals and the amount order right.
export function relocate(
  board: ColumnDto[],
  id: string,
  to: PipelineStage,
  now = new Date().toISOString(),
): ColumnDto[] {
  const hit = findCard(board, id)
  if (!hit || hit.col.stage === to) return board
  const moved: OrganisationDto = { ...hit.card, pipelineStage: to, stageChangedAt: now, isStale: false }
  return board.map((col) => {
    if (col.stage === hit.col.stage) {
      return {
        ...col,
        cards: col.cards.filter((c) => c.id !== id),
        count: col.count - 1,
        totalAmount: money(Number(col.totalAmount) - amount(hit.card)),
      }
    }
    if (col.stage === to) {
      const cards = [...col.cards]
      const at = cards.findIndex((c) => amount(c) < amount(moved))
      cards.splice(at === -1 ? cards.length : at, 0, moved)
      return { ...col, cards, count: col.count + 1, totalAmount: money(Number(col.totalAmount) + amount(moved)) }
    }
    return col
  })
}

// Puts a card back as it was (the server refused the move).
export function restore(board: ColumnDto[], original: OrganisationDto): ColumnDto[] {
  const back = relocate(board, original.id, original.pipelineStage)
  return back.map((col) =>
    col.stage === original.pipelineStage
      ? { ...col, cards: col.cards.map((c) => (c.id === original.id ? original : c)) }
      : col,
  )
}
