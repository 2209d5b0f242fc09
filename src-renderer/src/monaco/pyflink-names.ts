// The `pyflink` names Riffle provides to Python jobs (docs/job-api.md; the contract's "Python jobs" section), each with
// its signature and a one-line doc: the one table the editor's Python completion reads (pyflink-completions.ts).
// Pure data, no Monaco, so a unit test can hold it against the contract's list.

export type PyflinkKind = 'module' | 'class' | 'method' | 'function' | 'constant'

export interface PyflinkName {
  name: string
  kind: PyflinkKind
  /** The module a class (or module-level name) is imported from. */
  module?: string
  /** The class (or object) a method or constant belongs to. */
  owner?: string
  signature: string
  doc: string
}

const COMMON = 'pyflink.common'
const FUNCTIONS = 'pyflink.datastream.functions'
const STATE = 'pyflink.datastream.state'

const cls = (name: string, module: string, signature: string, doc: string): PyflinkName => ({ name, kind: 'class', module, signature, doc })
/** Methods of `owner`, each as [name, parameters, doc]. */
const methods = (owner: string, list: [string, string, string][]): PyflinkName[] =>
  list.map(([name, params, doc]) => ({ name, kind: 'method', owner, signature: `${owner}.${name}(${params})`, doc }))
const constants = (owner: string, list: [string, string][]): PyflinkName[] =>
  list.map(([name, doc]) => ({ name, kind: 'constant', owner, signature: `${owner}.${name}`, doc }))

export const PYFLINK_NAMES: readonly PyflinkName[] = [
  { name: 'pyflink.common', kind: 'module', signature: 'pyflink.common', doc: 'Duration, Time, Types, WatermarkStrategy, Row.' },
  { name: 'pyflink.common.typeinfo', kind: 'module', signature: 'pyflink.common.typeinfo', doc: 'Types: the type information of state and outputs.' },
  { name: 'pyflink.common.time', kind: 'module', signature: 'pyflink.common.time', doc: 'Duration (and PyFlink 1.x Time).' },
  { name: 'pyflink.common.watermark_strategy', kind: 'module', signature: 'pyflink.common.watermark_strategy', doc: 'WatermarkStrategy and TimestampAssigner.' },
  { name: 'pyflink.datastream', kind: 'module', signature: 'pyflink.datastream', doc: 'DataStream, functions, OutputTag, TimeDomain.' },
  { name: FUNCTIONS, kind: 'module', signature: FUNCTIONS, doc: 'KeyedProcessFunction, RuntimeContext, AggregateFunction, ReduceFunction.' },
  { name: STATE, kind: 'module', signature: STATE, doc: 'State descriptors, the state interfaces and StateTtlConfig.' },
  { name: 'pyflink.datastream.timerservice', kind: 'module', signature: 'pyflink.datastream.timerservice', doc: 'TimerService.' },
  { name: 'pyflink.datastream.output_tag', kind: 'module', signature: 'pyflink.datastream.output_tag', doc: 'OutputTag, for side outputs.' },

  cls('KeyedProcessFunction', FUNCTIONS, 'class KeyedProcessFunction', 'Processes each record of a keyed stream with keyed state and timers; subclass it.'),
  ...methods('KeyedProcessFunction', [
    ['open', 'self, runtime_context: RuntimeContext', 'Called once before the first record: create the state handles here.'],
    ['process_element', 'self, value, ctx: KeyedProcessFunction.Context', 'Called for each record; yield outputs (`yield x`, side outputs `yield tag, x`).'],
    ['on_timer', 'self, timestamp: int, ctx: KeyedProcessFunction.OnTimerContext', 'Called when a timer of the current key fires; yield outputs.'],
    ['close', 'self', 'Called once after the last record.'],
  ]),
  ...methods('KeyedProcessFunction.Context', [
    ['timestamp', '', "The current record's timestamp (the timer's in on_timer), or None when it has none."],
    ['get_current_key', '', 'The key of the record (or timer) being processed.'],
    ['timer_service', '', 'The TimerService: register and delete timers, read the watermark and processing time.'],
  ]),
  ...methods('KeyedProcessFunction.OnTimerContext', [
    ['time_domain', '', 'TimeDomain.EVENT_TIME or TimeDomain.PROCESSING_TIME: which kind of timer fired.'],
  ]),
  cls('ProcessFunction', FUNCTIONS, 'class ProcessFunction', 'A process function; after key_by it runs as a KeyedProcessFunction.'),
  cls('KeySelector', FUNCTIONS, 'class KeySelector', 'Picks the key of a record for key_by; subclass it.'),
  ...methods('KeySelector', [['get_key', 'self, value', "The record's key."]]),
  cls('MapFunction', FUNCTIONS, 'class MapFunction', 'One output per record (DataStream.map); subclass it.'),
  ...methods('MapFunction', [['map', 'self, value', 'The output for value.']]),
  cls('FilterFunction', FUNCTIONS, 'class FilterFunction', 'Keeps the records it returns true for (DataStream.filter); subclass it.'),
  ...methods('FilterFunction', [['filter', 'self, value', 'Whether to keep value.']]),
  cls('FlatMapFunction', FUNCTIONS, 'class FlatMapFunction', 'Any number of outputs per record (DataStream.flat_map); subclass it.'),
  ...methods('FlatMapFunction', [['flat_map', 'self, value', 'Yield the outputs for value.']]),
  cls('RuntimeContext', FUNCTIONS, 'class RuntimeContext', "Handed to open(): creates the function's keyed state."),
  ...methods('RuntimeContext', [
    ['get_state', 'state_descriptor: ValueStateDescriptor', 'A ValueState: one value per key.'],
    ['get_list_state', 'state_descriptor: ListStateDescriptor', 'A ListState: a list per key.'],
    ['get_map_state', 'state_descriptor: MapStateDescriptor', 'A MapState: a map per key.'],
    ['get_reducing_state', 'state_descriptor: ReducingStateDescriptor', 'A ReducingState: values combined by a reduce function.'],
    ['get_aggregating_state', 'state_descriptor: AggregatingStateDescriptor', 'An AggregatingState: values folded into an accumulator.'],
  ]),
  cls('TimerService', 'pyflink.datastream.timerservice', 'class TimerService', "Timers and time of the current key (ctx.timer_service())."),
  ...methods('TimerService', [
    ['register_event_time_timer', 'timestamp: int', 'Fire on_timer when the watermark passes timestamp (one timer per key and time).'],
    ['delete_event_time_timer', 'timestamp: int', 'Delete the event-time timer of the current key at timestamp.'],
    ['register_processing_time_timer', 'timestamp: int', 'Fire on_timer when processing time reaches timestamp.'],
    ['delete_processing_time_timer', 'timestamp: int', 'Delete the processing-time timer of the current key at timestamp.'],
    ['current_watermark', '', 'The current watermark (event time).'],
    ['current_processing_time', '', "The current processing time (simulated in Riffle's replay)."],
  ]),
  cls('TimeDomain', 'pyflink.datastream', 'class TimeDomain', 'Which clock a timer belongs to.'),
  ...constants('TimeDomain', [['EVENT_TIME', 'A timer fired by the watermark.'], ['PROCESSING_TIME', 'A timer fired by processing time.']]),

  cls('ValueStateDescriptor', STATE, 'ValueStateDescriptor(name: str, value_type_info: TypeInformation)', 'Describes a ValueState (name and type).'),
  cls('ListStateDescriptor', STATE, 'ListStateDescriptor(name: str, elem_type_info: TypeInformation)', 'Describes a ListState.'),
  cls('MapStateDescriptor', STATE, 'MapStateDescriptor(name: str, key_type_info: TypeInformation, value_type_info: TypeInformation)', 'Describes a MapState.'),
  cls('ReducingStateDescriptor', STATE, 'ReducingStateDescriptor(name: str, reduce_function, type_info: TypeInformation)', 'Describes a ReducingState; reduce_function is a ReduceFunction or a callable (a, b) -> c.'),
  cls('AggregatingStateDescriptor', STATE, 'AggregatingStateDescriptor(name: str, agg_function: AggregateFunction, state_type_info)', 'Describes an AggregatingState.'),
  ...methods('StateDescriptor', [['enable_time_to_live', 'ttl_config: StateTtlConfig', "Expire this state's entries after the configured time to live."]]),
  cls('ValueState', STATE, 'class ValueState', 'One value per key (from RuntimeContext.get_state).'),
  cls('ListState', STATE, 'class ListState', 'A list per key (from RuntimeContext.get_list_state).'),
  cls('MapState', STATE, 'class MapState', 'A map per key (from RuntimeContext.get_map_state).'),
  cls('ReducingState', STATE, 'class ReducingState', 'Values reduced into one per key (from RuntimeContext.get_reducing_state).'),
  cls('AggregatingState', STATE, 'class AggregatingState', 'Values aggregated per key (from RuntimeContext.get_aggregating_state).'),
  ...methods('ValueState', [
    ['value', '', 'The value of the current key, or None.'],
    ['update', 'value', 'Set the value of the current key (JSON-compatible data).'],
    ['clear', '', 'Remove the value of the current key.'],
  ]),
  ...methods('ListState', [
    ['get', '', 'The list of the current key (an empty iterable, never None).'],
    ['add', 'value', 'Append a value.'],
    ['add_all', 'values: list', 'Append several values.'],
    ['update', 'values: list', 'Replace the list.'],
    ['clear', '', 'Remove the list.'],
  ]),
  ...methods('MapState', [
    ['get', 'key', 'The value at key, or None.'],
    ['put', 'key, value', 'Set the value at key.'],
    ['put_all', 'dict_value: dict', 'Set several entries.'],
    ['remove', 'key', 'Remove the entry at key.'],
    ['contains', 'key', 'Whether the map has key.'],
    ['keys', '', "The map's keys."],
    ['values', '', "The map's values."],
    ['items', '', "The map's (key, value) pairs."],
    ['is_empty', '', 'Whether the map has no entries.'],
    ['clear', '', 'Remove every entry.'],
  ]),
  ...methods('ReducingState', [
    ['get', '', 'The reduced value, or None.'],
    ['add', 'value', 'Reduce value into the state.'],
    ['clear', '', 'Remove the state.'],
  ]),
  ...methods('AggregatingState', [
    ['get', '', "The aggregate's result, or None."],
    ['add', 'value', 'Add value to the accumulator.'],
    ['clear', '', 'Remove the state.'],
  ]),
  cls('AggregateFunction', FUNCTIONS, 'class AggregateFunction', 'Folds values into an accumulator (for AggregatingState); subclass it.'),
  ...methods('AggregateFunction', [
    ['create_accumulator', 'self', 'A new, empty accumulator.'],
    ['add', 'self, value, accumulator', 'The accumulator with value added.'],
    ['get_result', 'self, accumulator', 'The result the state returns.'],
    ['merge', 'self, acc_a, acc_b', 'Two accumulators combined.'],
  ]),
  cls('ReduceFunction', FUNCTIONS, 'class ReduceFunction', 'Combines two values into one (for ReducingState); a plain callable works too.'),
  ...methods('ReduceFunction', [['reduce', 'self, value1, value2', 'The two values combined.']]),

  cls('Types', COMMON, 'class Types', 'Type information for state and outputs (Riffle stores JSON-compatible values).'),
  ...methods('Types', [
    ['LONG', '', 'A 64-bit integer (exact up to 2^53 in Riffle).'],
    ['INT', '', 'A 32-bit integer.'],
    ['DOUBLE', '', 'A double-precision float.'],
    ['FLOAT', '', 'A float.'],
    ['STRING', '', 'A string.'],
    ['BOOLEAN', '', 'A boolean.'],
    ['LIST', 'element_type_info: TypeInformation', 'A list of elements of one type.'],
    ['MAP', 'key_type_info: TypeInformation, value_type_info: TypeInformation', 'A map.'],
    ['PICKLED_BYTE_ARRAY', '', 'Any Python value (JSON-compatible data in Riffle).'],
    ['SHORT', '', 'A 16-bit integer (-32768 to 32767).'],
    ['BYTE', '', 'An 8-bit integer (-128 to 127); PRIMITIVE_ARRAY(Types.BYTE()) is bytes.'],
    ['BIG_INT', '', 'A big integer (a LONG in Riffle).'],
    ['BIG_DEC', '', 'A big decimal (a DOUBLE in Riffle).'],
    ['CHAR', '', 'A character (a STRING in Riffle).'],
    ['SQL_DATE', '', 'A SQL date (epoch milliseconds in Riffle).'],
    ['SQL_TIME', '', 'A SQL time (epoch milliseconds in Riffle).'],
    ['SQL_TIMESTAMP', '', 'A SQL timestamp (epoch milliseconds in Riffle).'],
    ['INSTANT', '', 'An instant (epoch milliseconds in Riffle).'],
    ['ROW', 'field_types: List[TypeInformation]', 'A Row of fields of these types.'],
    ['ROW_NAMED', 'field_names: List[str], field_types: List[TypeInformation]', 'A Row of named fields: values come back as Row(name=...).'],
    ['TUPLE', 'field_types: List[TypeInformation]', 'A tuple of these types.'],
    ['PRIMITIVE_ARRAY', 'element_type: TypeInformation', 'An array of a primitive type (of Types.BYTE(): bytes).'],
    ['BASIC_ARRAY', 'element_type: TypeInformation', 'An array of a basic type (its items may be None).'],
    ['OBJECT_ARRAY', 'element_type: TypeInformation', 'An array of objects of one type.'],
  ]),
  cls('StateTtlConfig', STATE, 'class StateTtlConfig', 'Time-to-live of state entries: StateTtlConfig.new_builder(ttl)...build().'),
  ...methods('StateTtlConfig', [['new_builder', 'ttl: Duration', 'A builder for a TTL of ttl (a Duration, or PyFlink 1.x Time).']]),
  ...constants('StateTtlConfig', [
    ['UpdateType', 'OnCreateAndWrite or OnReadAndWrite: which accesses restart the TTL.'],
    ['StateVisibility', 'NeverReturnExpired or ReturnExpiredIfNotCleanedUp.'],
    ['TtlTimeCharacteristic', "ProcessingTime (Flink's), or EventTime (Riffle's extension: not portable to Flink)."],
  ]),
  ...methods('StateTtlConfig.Builder', [
    ['set_update_type', 'update_type: StateTtlConfig.UpdateType', 'Which accesses restart the time to live.'],
    ['set_state_visibility', 'state_visibility: StateTtlConfig.StateVisibility', 'Whether an expired value not yet cleaned up is returned.'],
    ['set_ttl_time_characteristic', 'ttl_time_characteristic: StateTtlConfig.TtlTimeCharacteristic', 'Processing time (Flink) or event time (Riffle only).'],
    ['cleanup_full_snapshot', '', 'Drop expired entries when a full snapshot is taken.'],
    ['cleanup_incrementally', 'cleanup_size: int, run_cleanup_for_every_record: bool', 'Check cleanup_size entries for expiry on each state access.'],
    ['build', '', 'The StateTtlConfig.'],
  ]),
  cls('OutputTag', 'pyflink.datastream.output_tag', 'OutputTag(tag_id: str, type_info: TypeInformation = None)', 'Names a side output: `yield tag, value`, then stream.get_side_output(tag).'),

  cls('DataStream', 'pyflink.datastream', 'class DataStream', 'A stream of records; job(events) receives the recording as one.'),
  ...methods('DataStream', [
    ['map', 'func, output_type: TypeInformation = None', 'One output per record.'],
    ['filter', 'func', 'Keep the records for which func returns true.'],
    ['flat_map', 'func, output_type: TypeInformation = None', 'Any number of outputs per record (func yields them).'],
    ['key_by', 'key_selector, key_type: TypeInformation = None', 'Partition by key: a KeyedStream.'],
    ['assign_timestamps_and_watermarks', 'watermark_strategy: WatermarkStrategy', "Give records timestamps and generate watermarks (after every record in Riffle's replay)."],
    ['get_side_output', 'output_tag: OutputTag', "The records an operator yielded with this tag."],
    ['name', 'name: str', 'Name the operator (shown in the debugger).'],
    ['uid', 'uid: str', 'Give the operator a stable id.'],
  ]),
  cls('KeyedStream', 'pyflink.datastream', 'class KeyedStream', 'A stream partitioned by key (from DataStream.key_by).'),
  ...methods('KeyedStream', [['process', 'func: KeyedProcessFunction, output_type: TypeInformation = None', 'Run a KeyedProcessFunction on each key.']]),
  cls('WatermarkStrategy', COMMON, 'class WatermarkStrategy', 'How records get timestamps and how watermarks follow them.'),
  ...methods('WatermarkStrategy', [
    ['for_bounded_out_of_orderness', 'max_out_of_orderness: Duration', 'Watermark = highest timestamp - bound - 1.'],
    ['for_monotonous_timestamps', '', 'Watermark = highest timestamp - 1.'],
    ['no_watermarks', '', 'No generated watermarks (control lines and end of input still move event time in Riffle).'],
    ['with_timestamp_assigner', 'timestamp_assigner: TimestampAssigner', "Take each record's timestamp from the assigner."],
    ['with_idleness', 'idle_timeout: Duration', 'Mark an input idle after idle_timeout without records.'],
  ]),
  cls('TimestampAssigner', 'pyflink.common.watermark_strategy', 'class TimestampAssigner', "Gives each record its event-time timestamp; subclass it."),
  ...methods('TimestampAssigner', [['extract_timestamp', 'self, value, record_timestamp: int', "The record's timestamp in milliseconds."]]),
  cls('Duration', COMMON, 'class Duration', 'A length of time (PyFlink 2.x).'),
  ...methods('Duration', [
    ['of_millis', 'millis: int', 'A duration of millis milliseconds.'],
    ['of_seconds', 'seconds: int', 'A duration of seconds seconds.'],
    ['of_minutes', 'minutes: int', 'A duration of minutes minutes.'],
    ['of_hours', 'hours: int', 'A duration of hours hours.'],
    ['of_days', 'days: int', 'A duration of days days.'],
  ]),
  cls('Time', COMMON, 'class Time', 'PyFlink 1.x durations (the seed article uses them); PyFlink 2.x removed Time: prefer Duration.'),
  ...methods('Time', [
    ['milliseconds', 'milliseconds: int', 'A time of milliseconds milliseconds (PyFlink 1.x).'],
    ['seconds', 'seconds: int', 'A time of seconds seconds (PyFlink 1.x).'],
    ['minutes', 'minutes: int', 'A time of minutes minutes (PyFlink 1.x).'],
    ['hours', 'hours: int', 'A time of hours hours (PyFlink 1.x).'],
    ['days', 'days: int', 'A time of days days (PyFlink 1.x).'],
  ]),
  cls('Row', COMMON, 'Row(*values)', 'A row of fields; stored or yielded, it becomes its fields (a list).'),
  ...methods('Collector', [['collect', 'value', "The seed article's form (process_element(self, value, ctx, out)): works in Riffle, not on Flink, where you yield."]]),
]

/**
 * Names a package module gives besides its own (python/pyflink/<module>/__init__.py's __all__): PyFlink users write
 * `from pyflink.datastream import KeyedProcessFunction` as often as the functions module's own path.
 */
export const PYFLINK_REEXPORTS: Readonly<Record<string, readonly string[]>> = {
  'pyflink.common': ['Duration', 'Time', 'Types', 'Row', 'TimestampAssigner', 'WatermarkStrategy'],
  'pyflink.datastream': ['DataStream', 'KeyedStream', 'AggregateFunction', 'FilterFunction', 'FlatMapFunction', 'KeyedProcessFunction',
    'KeySelector', 'MapFunction', 'ProcessFunction', 'ReduceFunction', 'RuntimeContext', 'OutputTag', 'StateTtlConfig', 'TimeDomain', 'TimerService'],
}

/** What a call returns, by the method's name, where the editor knows its class (`ctx.timer_service().`). */
export const PYFLINK_CALL_RESULTS: Readonly<Record<string, string>> = {
  timer_service: 'TimerService', get_state: 'ValueState', get_list_state: 'ListState', get_map_state: 'MapState',
  get_reducing_state: 'ReducingState', get_aggregating_state: 'AggregatingState', new_builder: 'StateTtlConfig.Builder',
  key_by: 'KeyedStream', for_bounded_out_of_orderness: 'WatermarkStrategy', for_monotonous_timestamps: 'WatermarkStrategy',
}
