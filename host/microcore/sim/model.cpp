// C ABI around a Verilated microcore fabric: clock loop, AXI4-Lite host port, and a model of
// host DDR memory that serves the fabric's AXI4 DMA master (m_axi_*).
//
// Compiled together with the model that Verilator generates under the class name Vfabric
// (verilator --prefix Vfabric) into a shared library that microcore.transport.sim loads with
// ctypes. Only the mc_* functions are exported; everything else is built with hidden
// visibility, so several models of different geometry can be loaded into one process.
//
// Every bus function drives the handshake cycle by cycle and gives up after a bounded number
// of cycles, so a fabric that never answers cannot hang the caller. Verilog $stop/$fatal and
// Verilator's internal fatal errors raise a C++ exception that is caught at this boundary; the
// simulation is then dead and every later call returns MC_FATAL.

#include <cstdint>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "verilated.h"
#include "Vfabric.h"

#if VM_TRACE_FST
#include "verilated_fst_c.h"
#define MC_TRACE 2
using TraceFile = VerilatedFstC;
#elif VM_TRACE_VCD
#include "verilated_vcd_c.h"
#define MC_TRACE 1
using TraceFile = VerilatedVcdC;
#else
#define MC_TRACE 0
#endif

#define MC_EXPORT extern "C" __attribute__((visibility("default")))

// Bumped whenever a signature or a status code below changes; the Python side checks it.
#define MC_API_VERSION 3

namespace {

enum Status : int {
    MC_OKAY = 0,
    MC_EXOKAY = 1,
    MC_SLVERR = 2,
    MC_DECERR = 3,
    MC_TIMEOUT = 4,
    MC_FATAL = 5,
};

struct SimFatal : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string where(const char* filename, int linenum) {
    return std::string(filename ? filename : "?") + ":" + std::to_string(linenum) + ": ";
}

}  // namespace

// Verilator calls these for $stop, $fatal and its own fatal errors. The defaults print and call
// std::exit(), which would take the host Python process down with the simulation.
void vl_fatal(const char* filename, int linenum, const char* hier, const char* msg) {
    (void)hier;
    Verilated::threadContextp()->gotError(true);
    Verilated::threadContextp()->gotFinish(true);
    throw SimFatal(where(filename, linenum) + (msg ? msg : "fatal error"));
}

void vl_stop(const char* filename, int linenum, const char* hier) {
    (void)hier;
    Verilated::threadContextp()->gotError(true);
    Verilated::threadContextp()->gotFinish(true);
    throw SimFatal(where(filename, linenum) + "Verilog $stop");
}

namespace {

// Host DDR as the fabric's AXI4 master sees it through the Zynq HP port: a flat byte array of
// `size` bytes at physical address `base`. Reads answer `read_latency` cycles after their
// address was accepted, one beat per cycle; write responses come `write_latency` cycles after
// the last beat. At most kMaxOutstanding bursts per direction are accepted (AR/AW back-pressure),
// and write data is accepted only for a burst whose address was accepted. A beat outside the
// memory reads as zero and makes the burst answer DECERR; nothing is written there.
struct HostMemory {
    static constexpr size_t kMaxOutstanding = 4;
    struct Burst {
        uint64_t addr;      // address of the next beat
        uint32_t beats;     // beats left
        uint64_t ready_at;  // cycle from which the burst may answer
        bool error;
    };
    uint64_t base = 0x10000000;
    uint64_t size = 16u << 20;
    uint32_t read_latency = 24;
    uint32_t write_latency = 12;
    std::vector<uint8_t> bytes;  // allocated on first use
    std::deque<Burst> reads, writes, responses;
    uint64_t read_beats = 0, write_beats = 0;

    uint8_t* data() {
        if (bytes.size() != size) bytes.assign(size, 0);
        return bytes.data();
    }
    bool contains(uint64_t addr, uint64_t n) const {
        return addr >= base && n <= size && addr - base <= size - n;
    }
};

struct Sim {
    std::unique_ptr<VerilatedContext> ctx;
    std::unique_ptr<Vfabric> top;
    uint64_t cycles = 0;
    uint32_t timeout = 10000;
    // Host-port statistics since the last reset (see mc_stats).
    uint64_t host_reads = 0, host_writes = 0, host_access_cycles = 0;
    HostMemory ddr;
    bool dead = false;
    std::string error;
#if MC_TRACE
    std::unique_ptr<TraceFile> trace;
#endif

    explicit Sim(bool want_trace) : ctx(new VerilatedContext), top() {
        ctx->fatalOnError(true);
        if (want_trace) ctx->traceEverOn(true);
        top.reset(new Vfabric(ctx.get(), "fabric"));
    }

    ~Sim() {
        if (!dead) {
            try {
                top->final();
            } catch (...) {
            }
        }
#if MC_TRACE
        if (trace) trace->close();
#endif
    }

    bool tracing() const {
#if MC_TRACE
        return trace != nullptr;
#else
        return false;
#endif
    }

    void dump() {
#if MC_TRACE
        ctx->timeInc(1);
        trace->dump(ctx->time());
#endif
    }

    // The DDR model's side of one clock edge. The fabric's AXI4 outputs do not depend
    // combinationally on its AXI4 inputs, so the values from the last eval() hold for the
    // whole cycle: sample() reads the handshakes before the edge, and answer() applies them
    // and drives the model's outputs for the next cycle.
    struct AxiSample {
        bool ar, r, aw, w, b;
        uint32_t araddr, arlen, awaddr, awlen, wstrb;
        uint64_t wdata;
    };

    AxiSample sample() const {
        AxiSample s;
        s.ar = top->m_axi_arvalid && top->m_axi_arready;
        s.r = top->m_axi_rvalid && top->m_axi_rready;
        s.aw = top->m_axi_awvalid && top->m_axi_awready;
        s.w = top->m_axi_wvalid && top->m_axi_wready;
        s.b = top->m_axi_bvalid && top->m_axi_bready;
        s.araddr = top->m_axi_araddr;
        s.arlen = top->m_axi_arlen;
        s.awaddr = top->m_axi_awaddr;
        s.awlen = top->m_axi_awlen;
        s.wstrb = top->m_axi_wstrb;
        s.wdata = top->m_axi_wdata;
        return s;
    }

    void answer(const AxiSample& s) {
        HostMemory& m = ddr;
        const uint64_t now = cycles + 1;
        if (s.ar) m.reads.push_back({s.araddr & ~7ull, s.arlen + 1, now + m.read_latency, false});
        if (s.r) {
            HostMemory::Burst& head = m.reads.front();
            head.addr += 8;
            if (--head.beats == 0) m.reads.pop_front();
            ++m.read_beats;
        }
        if (s.aw) m.writes.push_back({s.awaddr & ~7ull, s.awlen + 1, 0, false});
        if (s.w) {
            HostMemory::Burst& head = m.writes.front();
            if (m.contains(head.addr, 8)) {
                uint8_t* p = m.data() + (head.addr - m.base);
                for (int lane = 0; lane < 8; ++lane)
                    if (s.wstrb >> lane & 1) p[lane] = (uint8_t)(s.wdata >> (8 * lane));
            } else {
                head.error = true;
            }
            head.addr += 8;
            ++m.write_beats;
            if (--head.beats == 0) {
                m.responses.push_back({0, 0, now + m.write_latency, head.error});
                m.writes.pop_front();
            }
        }
        if (s.b) m.responses.pop_front();

        top->m_axi_arready = m.reads.size() < HostMemory::kMaxOutstanding;
        top->m_axi_awready = m.writes.size() < HostMemory::kMaxOutstanding;
        top->m_axi_wready = !m.writes.empty();
        const bool rvalid = !m.reads.empty() && m.reads.front().ready_at <= now;
        top->m_axi_rvalid = rvalid;
        top->m_axi_rid = 0;
        if (rvalid) {
            HostMemory::Burst& head = m.reads.front();
            uint64_t word = 0;
            if (m.contains(head.addr, 8)) {
                std::memcpy(&word, m.data() + (head.addr - m.base), 8);
            } else {
                head.error = true;
            }
            top->m_axi_rdata = word;
            top->m_axi_rresp = head.error ? MC_DECERR : MC_OKAY;
            top->m_axi_rlast = head.beats == 1;
        } else {
            top->m_axi_rdata = 0;
            top->m_axi_rresp = 0;
            top->m_axi_rlast = 0;
        }
        const bool bvalid = !m.responses.empty() && m.responses.front().ready_at <= now;
        top->m_axi_bvalid = bvalid;
        top->m_axi_bid = 0;
        top->m_axi_bresp = bvalid && m.responses.front().error ? MC_DECERR : MC_OKAY;
    }

    bool axi_quiet() const {
        return !top->m_axi_arvalid && !top->m_axi_awvalid && !top->m_axi_wvalid &&
               ddr.reads.empty() && ddr.writes.empty() && ddr.responses.empty();
    }

    // One clock period. Inputs must already be settled (see settle()).
    inline void tick() {
        if (axi_quiet()) {
            top->clk = 1;
            top->eval();
            top->clk = 0;
            top->eval();
        } else {
            const AxiSample s = sample();
            top->clk = 1;
            top->eval();
            top->clk = 0;
            top->eval();
            answer(s);
        }
        ++cycles;
    }

    void tick_traced() {
        const AxiSample s = sample();
        top->clk = 1;
        top->eval();
        dump();
        top->clk = 0;
        top->eval();
        answer(s);
        dump();
        ++cycles;
    }

    void step() {
        if (tracing())
            tick_traced();
        else
            tick();
    }

    // Propagate changed inputs through combinational logic before the next edge.
    void settle() { top->eval(); }

    void idle_inputs() {
        top->s_axil_awaddr = 0;
        top->s_axil_awprot = 0;
        top->s_axil_awvalid = 0;
        top->s_axil_wdata = 0;
        top->s_axil_wstrb = 0;
        top->s_axil_wvalid = 0;
        top->s_axil_bready = 0;
        top->s_axil_araddr = 0;
        top->s_axil_arprot = 0;
        top->s_axil_arvalid = 0;
        top->s_axil_rready = 0;
        top->m_axi_arready = 0;
        top->m_axi_awready = 0;
        top->m_axi_wready = 0;
        top->m_axi_rvalid = 0;
        top->m_axi_rdata = 0;
        top->m_axi_rresp = 0;
        top->m_axi_rlast = 0;
        top->m_axi_rid = 0;
        top->m_axi_bvalid = 0;
        top->m_axi_bresp = 0;
        top->m_axi_bid = 0;
    }

    void reset(uint32_t n) {
        idle_inputs();
        ddr.reads.clear();
        ddr.writes.clear();
        ddr.responses.clear();
        top->clk = 0;
        top->rst = 1;
        settle();
        for (uint32_t i = 0; i < n; ++i) step();
        top->rst = 0;
        settle();
        // The build's wrapper registers rst once, so the fabric leaves reset a cycle later.
        step();
        cycles = 0;
        host_reads = host_writes = host_access_cycles = 0;
    }

    void advance(uint64_t n) {
        if (tracing()) {
            for (uint64_t i = 0; i < n; ++i) tick_traced();
        } else {
            for (uint64_t i = 0; i < n; ++i) tick();
        }
    }

    uint64_t advance_until_irq(uint64_t max) {
        uint64_t n = 0;
        while (n < max && !top->irq) {
            step();
            ++n;
        }
        return n;
    }

    int read(uint32_t addr, uint32_t* data) {
        const uint64_t start = cycles;
        const int status = read_access(addr, data);
        ++host_reads;
        host_access_cycles += cycles - start;
        return status;
    }

    int write(uint32_t addr, uint32_t data, uint32_t strb) {
        const uint64_t start = cycles;
        const int status = write_access(addr, data, strb);
        ++host_writes;
        host_access_cycles += cycles - start;
        return status;
    }

    int read_access(uint32_t addr, uint32_t* data) {
        top->s_axil_araddr = addr;
        top->s_axil_arprot = 0;
        top->s_axil_arvalid = 1;
        top->s_axil_rready = 1;
        bool ar_done = false;
        for (uint32_t t = 0; t < timeout; ++t) {
            settle();
            const bool ar_hs = !ar_done && top->s_axil_arready;
            const bool r_hs = ar_done && top->s_axil_rvalid;
            const uint32_t rdata = top->s_axil_rdata;
            const int rresp = top->s_axil_rresp;
            step();
            if (ar_hs) {
                ar_done = true;
                top->s_axil_arvalid = 0;
            }
            if (r_hs) {
                top->s_axil_rready = 0;
                settle();
                *data = rdata;
                return rresp;
            }
        }
        top->s_axil_arvalid = 0;
        top->s_axil_rready = 0;
        settle();
        return MC_TIMEOUT;
    }

    int write_access(uint32_t addr, uint32_t data, uint32_t strb) {
        top->s_axil_awaddr = addr;
        top->s_axil_awprot = 0;
        top->s_axil_awvalid = 1;
        top->s_axil_wdata = data;
        top->s_axil_wstrb = strb & 0xF;
        top->s_axil_wvalid = 1;
        top->s_axil_bready = 1;
        bool aw_done = false, w_done = false;
        for (uint32_t t = 0; t < timeout; ++t) {
            settle();
            const bool aw_hs = !aw_done && top->s_axil_awready;
            const bool w_hs = !w_done && top->s_axil_wready;
            const bool b_hs = aw_done && w_done && top->s_axil_bvalid;
            const int bresp = top->s_axil_bresp;
            step();
            if (aw_hs) {
                aw_done = true;
                top->s_axil_awvalid = 0;
            }
            if (w_hs) {
                w_done = true;
                top->s_axil_wvalid = 0;
            }
            if (b_hs) {
                top->s_axil_bready = 0;
                settle();
                return bresp;
            }
        }
        top->s_axil_awvalid = 0;
        top->s_axil_wvalid = 0;
        top->s_axil_bready = 0;
        settle();
        return MC_TIMEOUT;
    }
};

template <typename F>
int guarded(Sim* sim, F&& body) {
    if (sim->dead) return MC_FATAL;
    try {
        return body();
    } catch (const std::exception& e) {
        sim->dead = true;
        sim->error = e.what();
    } catch (...) {
        sim->dead = true;
        sim->error = "unknown C++ exception in the simulation";
    }
    return MC_FATAL;
}

}  // namespace

MC_EXPORT int mc_api_version(void) { return MC_API_VERSION; }

// Waveform support compiled in: 0 none, 1 VCD, 2 FST.
MC_EXPORT int mc_has_trace(void) { return MC_TRACE; }

// Create a model and reset it for reset_cycles. With trace_path non-null (and a model built
// with trace support) every half cycle is dumped there, in the format compiled in. Returns null on failure; err (if given,
// err_len bytes) then holds the reason.
MC_EXPORT Sim* mc_create(const char* trace_path, uint32_t reset_cycles, char* err, uint32_t err_len) {
    auto fail = [&](const std::string& msg) -> Sim* {
        if (err && err_len) {
            std::strncpy(err, msg.c_str(), err_len - 1);
            err[err_len - 1] = '\0';
        }
        return nullptr;
    };
    std::unique_ptr<Sim> sim;
    try {
        const bool want_trace = trace_path && *trace_path;
        sim.reset(new Sim(want_trace && MC_TRACE));
        if (want_trace) {
#if MC_TRACE
            sim->trace.reset(new TraceFile);
            sim->top->trace(sim->trace.get(), 99);
            sim->trace->open(trace_path);
            if (!sim->trace->isOpen()) return fail(std::string("cannot open ") + trace_path);
            sim->top->eval();
            sim->trace->dump(sim->ctx->time());
#else
            return fail("this model was built without waveform support");
#endif
        }
        sim->reset(reset_cycles);
    } catch (const std::exception& e) {
        return fail(e.what());
    }
    return sim.release();
}

MC_EXPORT void mc_destroy(Sim* sim) { delete sim; }

MC_EXPORT const char* mc_error(Sim* sim) { return sim->error.c_str(); }

MC_EXPORT void mc_set_timeout(Sim* sim, uint32_t cycles) { sim->timeout = cycles ? cycles : 1; }

MC_EXPORT uint64_t mc_cycles(Sim* sim) { return sim->cycles; }

// stats[0..3]: cycles since reset, host-port reads, host-port writes, and the cycles those
// accesses ran the clock for (the rest of the cycles ran in mc_advance*).
MC_EXPORT void mc_stats(Sim* sim, uint64_t* stats) {
    stats[0] = sim->cycles;
    stats[1] = sim->host_reads;
    stats[2] = sim->host_writes;
    stats[3] = sim->host_access_cycles;
}

MC_EXPORT int mc_irq(Sim* sim) { return sim->top->irq ? 1 : 0; }

MC_EXPORT int mc_reset(Sim* sim, uint32_t cycles) {
    return guarded(sim, [&] {
        sim->reset(cycles);
        return MC_OKAY;
    });
}

MC_EXPORT int mc_advance(Sim* sim, uint64_t cycles) {
    return guarded(sim, [&] {
        sim->advance(cycles);
        return MC_OKAY;
    });
}

// Run until the irq output is high or max_cycles have passed; returns the cycles run, or -1
// if the simulation died.
MC_EXPORT int64_t mc_advance_until_irq(Sim* sim, uint64_t max_cycles) {
    int64_t n = 0;
    const int status = guarded(sim, [&] {
        n = (int64_t)sim->advance_until_irq(max_cycles);
        return MC_OKAY;
    });
    return status == MC_OKAY ? n : -1;
}

// Read one word. Returns status << 32 | data, so one call needs no out-parameter.
MC_EXPORT uint64_t mc_read32(Sim* sim, uint32_t addr) {
    uint32_t data = 0;
    const int status = guarded(sim, [&] { return sim->read(addr, &data); });
    return (uint64_t)(uint32_t)status << 32 | data;
}

MC_EXPORT int mc_write32(Sim* sim, uint32_t addr, uint32_t data, uint32_t strb) {
    return guarded(sim, [&] { return sim->write(addr, data, strb); });
}

// Read n consecutive words from addr into out. Stops at the first access that is not OKAY and
// returns its status; *done is the number of words read successfully.
MC_EXPORT int mc_read_block(Sim* sim, uint32_t addr, uint32_t* out, uint32_t n, uint32_t* done) {
    *done = 0;
    return guarded(sim, [&] {
        for (uint32_t i = 0; i < n; ++i) {
            const int status = sim->read(addr + 4 * i, &out[i]);
            if (status != MC_OKAY) return status;
            *done = i + 1;
        }
        return (int)MC_OKAY;
    });
}

// Write n consecutive words from in to addr with all byte lanes enabled. Stops at the first
// access that is not OKAY and returns its status; *done is the number of words written.
MC_EXPORT int mc_write_block(Sim* sim, uint32_t addr, const uint32_t* in, uint32_t n, uint32_t* done) {
    *done = 0;
    return guarded(sim, [&] {
        for (uint32_t i = 0; i < n; ++i) {
            const int status = sim->write(addr + 4 * i, in[i], 0xF);
            if (status != MC_OKAY) return status;
            *done = i + 1;
        }
        return (int)MC_OKAY;
    });
}

// -- Host memory (the DDR model behind the DMA master) ------------------------------------------

// Place the host memory at physical address base with size bytes (contents become zero) and
// set its timing. Returns MC_DECERR if the range does not fit in 32 bits or size is 0.
MC_EXPORT int mc_host_memory_configure(Sim* sim, uint64_t base, uint64_t size,
                                       uint32_t read_latency, uint32_t write_latency) {
    if (size == 0 || base + size > (1ull << 32) || base % 8 || size % 8) return MC_DECERR;
    return guarded(sim, [&] {
        sim->ddr.base = base;
        sim->ddr.size = size;
        sim->ddr.read_latency = read_latency;
        sim->ddr.write_latency = write_latency;
        sim->ddr.bytes.clear();
        sim->ddr.bytes.shrink_to_fit();
        return (int)MC_OKAY;
    });
}

// info[0..5]: base, size, read latency, write latency, read beats, write beats so far.
MC_EXPORT void mc_host_memory_info(Sim* sim, uint64_t* info) {
    info[0] = sim->ddr.base;
    info[1] = sim->ddr.size;
    info[2] = sim->ddr.read_latency;
    info[3] = sim->ddr.write_latency;
    info[4] = sim->ddr.read_beats;
    info[5] = sim->ddr.write_beats;
}

// Copy n bytes at physical address addr out of (mc_host_memory_read) or into
// (mc_host_memory_write) the host memory; MC_DECERR if the range is not all inside it.
MC_EXPORT int mc_host_memory_read(Sim* sim, uint64_t addr, uint8_t* out, uint64_t n) {
    if (!sim->ddr.contains(addr, n)) return MC_DECERR;
    if (n) std::memcpy(out, sim->ddr.data() + (addr - sim->ddr.base), n);
    return MC_OKAY;
}

MC_EXPORT int mc_host_memory_write(Sim* sim, uint64_t addr, const uint8_t* in, uint64_t n) {
    if (!sim->ddr.contains(addr, n)) return MC_DECERR;
    if (n) std::memcpy(sim->ddr.data() + (addr - sim->ddr.base), in, n);
    return MC_OKAY;
}
