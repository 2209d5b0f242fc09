// The open(runtime_context) and close() of a job's MapFunction, FilterFunction, FlatMapFunction and KeySelector run
// as on a cluster: once before the first record and once after the last. Before, Riffle never called them, so a
// function that set itself up in open() (a lookup table, a threshold) failed at its first record with an
// AttributeError at its map line.
import { beforeAll, describe, expect, it } from 'vitest'
import { pythonRuntime } from '../../../../src-main/sandbox/python/pyodide-runtime'
import { mainValues, runInline } from '../../helpers/run-inline'

beforeAll(async () => { await pythonRuntime() }, 300_000)

const FUNCTIONS = `from pyflink.datastream.functions import (FilterFunction, FlatMapFunction, KeyedProcessFunction, KeySelector,
                                          MapFunction)

OPENED = []


class Scale(MapFunction):
    def open(self, runtime_context):
        self.factor = 10
        OPENED.append(("map", runtime_context.get_index_of_this_subtask(), runtime_context.get_number_of_parallel_subtasks()))

    def map(self, value):
        return dict(value, n=value["n"] * self.factor)


class Big(FilterFunction):
    def open(self, runtime_context):
        self.limit = 15
        OPENED.append("filter")

    def filter(self, value):
        return value["n"] > self.limit


class Twice(FlatMapFunction):
    def open(self, runtime_context):
        self.copies = 2
        OPENED.append("flat_map")

    def flat_map(self, value):
        for _ in range(self.copies):
            yield value


class ByK(KeySelector):
    def open(self, runtime_context):
        self.field = "k"
        OPENED.append("key_by")

    def get_key(self, value):
        return value[self.field]
`

const KEYED = `${FUNCTIONS}

class Echo(KeyedProcessFunction):
    def open(self, runtime_context):
        OPENED.append("process")

    def process_element(self, value, ctx):
        yield [value["n"], list(OPENED)]


def job(events):
    return events.map(Scale()).filter(Big()).flat_map(Twice()).key_by(ByK()).process(Echo())
`

const STATELESS = `${FUNCTIONS}

def job(events):
    return events.map(Scale()).filter(Big()).map(lambda e: [e["n"], list(OPENED)])
`

const opened = [['map', 0, 1], 'filter', 'flat_map', 'key_by', 'process']

describe('open() of map, filter, flat_map and key_by functions', () => {
  it('is called once, before the first record, ahead of the keyed process function\'s', async () => {
    const r = await runInline(KEYED, [{ k: 'a', n: 1 }, { k: 'a', n: 2 }, { k: 'b', n: 3 }], { jobName: 'job.py' })
    expect(mainValues(r)).toEqual([[20, opened], [20, opened], [30, opened], [30, opened]])
  }, 60_000)

  it('is called in a job without a keyed process function too', async () => {
    const r = await runInline(STATELESS, [{ k: 'a', n: 1 }, { k: 'a', n: 2 }], { jobName: 'job.py' })
    expect(mainValues(r)).toEqual([[20, [['map', 0, 1], 'filter']]])
  }, 60_000)
})
