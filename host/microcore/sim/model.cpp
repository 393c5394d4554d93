// C ABI around a Verilated microcore fabric: clock loop and AXI4-Lite host port.
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
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>

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
#define MC_API_VERSION 1

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

struct Sim {
    std::unique_ptr<VerilatedContext> ctx;
    std::unique_ptr<Vfabric> top;
    uint64_t cycles = 0;
    uint32_t timeout = 10000;
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

    // One clock period. Inputs must already be settled (see settle()).
    inline void tick() {
        top->clk = 1;
        top->eval();
        top->clk = 0;
        top->eval();
        ++cycles;
    }

    void tick_traced() {
        top->clk = 1;
        top->eval();
        dump();
        top->clk = 0;
        top->eval();
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
    }

    void reset(uint32_t n) {
        idle_inputs();
        top->clk = 0;
        top->rst = 1;
        settle();
        for (uint32_t i = 0; i < n; ++i) step();
        top->rst = 0;
        settle();
        // The build's wrapper registers rst once, so the fabric leaves reset a cycle later.
        step();
        cycles = 0;
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

    int write(uint32_t addr, uint32_t data, uint32_t strb) {
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
