"""The overlay's Vivado flow without Vivado: the project writer, and build.tcl under tclsh.

``build.tcl`` runs under a plain ``tclsh`` in which every Vivado command it may use is a stub
that records its arguments; any other unknown command fails the run. That catches Tcl syntax
errors, misspelt commands and broken control flow, and lets the tests check the block design
the script describes.
"""

import io
import shutil
import subprocess

import pytest

from microcore import abi, cli
from microcore.overlay import bitstream
from microcore.overlay.boards import overlay_dir

TCLSH = shutil.which("tclsh")
needs_tclsh = pytest.mark.skipif(TCLSH is None, reason="tclsh is not installed")

# The Vivado commands build.tcl may call. A stub returns a plausible handle.
VIVADO_COMMANDS = [
    "create_project", "current_project", "set_property", "get_property", "add_files",
    "update_compile_order", "create_bd_design", "create_bd_cell", "apply_bd_automation",
    "get_bd_pins", "get_bd_intf_pins", "connect_bd_net", "connect_bd_intf_net",
    "get_bd_addr_spaces", "get_bd_addr_segs", "assign_bd_address", "validate_bd_design",
    "save_bd_design", "get_files", "make_wrapper", "current_fileset", "generate_target",
    "launch_runs", "wait_on_run", "get_runs", "open_run", "report_utilization", "opt_design",
    "place_design", "phys_opt_design", "route_design", "report_timing_summary",
    "get_timing_paths", "write_bitstream",
]

STUBS = r"""
set ::stub_log [open [lindex $argv 0] w]
proc unknown {args} {
    puts stderr "UNKNOWN COMMAND: $args"
    exit 3
}
foreach cmd $::stub_commands {
    proc $cmd {args} [format {
        puts $::stub_log [list %1$s {*}$args]
        flush $::stub_log
        return [stub_result %1$s $args]
    } $cmd]
}
proc stub_result {cmd arguments} {
    switch -- $cmd {
        create_bd_cell { return "/[lindex $arguments end]" }
        get_bd_pins - get_bd_intf_pins - get_bd_addr_spaces - get_runs - get_files {
            return [lindex $arguments end]
        }
        get_bd_addr_segs { return "[lindex $arguments end]/reg0" }
        current_project { return microcore }
        current_fileset { return sources_1 }
        get_timing_paths { return {timing_path_1} }
        get_property {
            switch -- [lindex $arguments 0] {
                PROGRESS { return "100%" }
                STATUS { return "synth_design Complete!" }
                SLACK { return 0.321 }
                default { error "stub get_property: unexpected property [lindex $arguments 0]" }
            }
        }
        make_wrapper { return [file join $::project_dir microcore_wrapper.v] }
        generate_target {
            set dir [file join $::project_dir $::design.gen sources_1 bd $::design hw_handoff]
            file mkdir $dir
            set f [open [file join $dir $::design.hwh] w]; puts $f "<EDKSYSTEM/>"; close $f
            return ""
        }
        write_bitstream {
            set f [open [lindex $arguments end] w]; puts $f "bit"; close $f
            return ""
        }
        default { return "" }
    }
}
"""


def write_config(directory, dma=0, board="pynq-z2"):
    shutil.copyfile(overlay_dir() / "build.tcl", directory / "build.tcl")
    (directory / "rtl").mkdir(exist_ok=True)
    (directory / "config.tcl").write_text(
        f"set mc_board {board}\nset mc_part xc7z020clg400-1\n"
        f"set mc_sources [list {{rtl/microcore_fabric.v}} {{rtl/picorv32.v}}]\n"
        f"set mc_dma {dma}\nset mc_base 0x40000000\nset mc_range 16M\nset mc_fclk_mhz 100\n"
        f"set mc_jobs 2\n")


def run_tcl(directory):
    """Run build.tcl under tclsh with the stubs; return (calls, stdout)."""
    harness = directory / "harness.tcl"
    harness.write_text(f"set ::stub_commands {{{' '.join(VIVADO_COMMANDS)}}}\n{STUBS}\n"
                       f"source [file join {{{directory}}} build.tcl]\n")
    log = directory / "calls.log"
    result = subprocess.run([TCLSH, str(harness), str(log)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, f"build.tcl failed under tclsh:\n{result.stderr}"
    return log.read_text().splitlines(), result.stdout


def find(calls, *needles):
    return [c for c in calls if all(n in c for n in needles)]


@needs_tclsh
@pytest.mark.parametrize("board", ["pynq-z1", "pynq-z2"])
def test_build_tcl_describes_the_block_design(tmp_path, board):
    write_config(tmp_path, dma=0, board=board)
    calls, out = run_tcl(tmp_path)
    assert find(calls, "create_project", "xc7z020clg400-1")
    assert find(calls, "create_bd_cell -type module -reference microcore_fabric microcore_0")
    assert find(calls, "processing_system7:5.5 ps7_0")
    (ps_config,) = find(calls, "set_property -dict", "PCW_FPGA0_PERIPHERAL_FREQMHZ")
    assert "CONFIG.PCW_FPGA0_PERIPHERAL_FREQMHZ 100" in ps_config
    assert "CONFIG.PCW_USE_M_AXI_GP0 1" in ps_config
    assert "CONFIG.PCW_USE_S_AXI_HP0 0" in ps_config
    assert "CONFIG.PCW_UIPARAM_DDR_BUS_WIDTH {16 Bit}" in ps_config
    assert find(calls, "connect_bd_net", "microcore_0/irq", "ps7_0/IRQ_F2P")
    assert find(calls, "connect_bd_net", "ps7_0/FCLK_CLK0", "microcore_0/clk")
    assert find(calls, "connect_bd_net", "peripheral_reset", "microcore_0/rst")
    assert find(calls, "connect_bd_intf_net", "M00_AXI", "microcore_0/s_axil")
    (assign,) = find(calls, "assign_bd_address", "microcore_0/s_axil")
    assert f"-offset 0x40000000 -range {(1 << abi.HOST_WINDOW_BITS) >> 20}M" in assign
    assert not [c for c in calls if "ps7_0/S_AXI_HP0" in c or "m_axi" in c]
    order = [c.split()[0] for c in calls]
    for earlier, later in [("validate_bd_design", "generate_target"),
                           ("launch_runs", "place_design"), ("place_design", "route_design"),
                           ("route_design", "write_bitstream")]:
        assert order.index(earlier) < order.index(later)
    assert (tmp_path / "microcore.bit").is_file() and (tmp_path / "microcore.hwh").is_file()
    phases = [line.split()[-1] for line in out.splitlines() if line.startswith("MICROCORE: phase")]
    assert phases == ["project", "block-design", "addresses", "validate", "synthesis",
                      "optimisation", "placement", "routing", "bitstream"]
    assert "MICROCORE: wns 0.321" in out


@needs_tclsh
def test_build_tcl_connects_hp0_only_with_dma(tmp_path):
    write_config(tmp_path, dma=1)
    calls, _ = run_tcl(tmp_path)
    assert find(calls, "connect_bd_intf_net", "microcore_0/m_axi", "ps7_0/S_AXI_HP0")
    assert find(calls, "assign_bd_address", "microcore_0/m_axi", "HP0_DDR_LOWOCM")
    assert find(calls, "connect_bd_net", "ps7_0/S_AXI_HP0_ACLK")
    (ps_config,) = find(calls, "set_property -dict", "PCW_USE_S_AXI_HP0")
    assert "CONFIG.PCW_USE_S_AXI_HP0 1" in ps_config


@needs_tclsh
def test_a_misspelt_command_fails_the_check(tmp_path):
    write_config(tmp_path)
    script = tmp_path / "build.tcl"
    script.write_text(script.read_text().replace("validate_bd_design", "validate_bd_desing"))
    with pytest.raises(AssertionError, match="UNKNOWN COMMAND: validate_bd_desing"):
        run_tcl(tmp_path)


@needs_tclsh
def test_unknown_board_is_refused(tmp_path):
    write_config(tmp_path, board="zybo")
    with pytest.raises(AssertionError, match="unknown board zybo"):
        run_tcl(tmp_path)


@pytest.mark.hw
@needs_tclsh
def test_bitstream_command_writes_a_buildable_project(tmp_path, monkeypatch):
    pytest.importorskip("amaranth")
    monkeypatch.setattr(bitstream, "find_vivado", lambda: None)
    args = cli._parser().parse_args(["bitstream", "--board", "pynq-z1", "--cores", "2",
                                     "--mem-kib", "16", "--isa", "rv32im", "--shared-kib", "4",
                                     "--jobs", "2", "--out", str(tmp_path / "proj")])
    err = io.StringIO()
    assert bitstream.main(args, stream=err) == 1
    assert "vivado is not on PATH" in err.getvalue()
    project = tmp_path / "proj"
    verilog = (project / "rtl" / "microcore_fabric.v").read_text()
    assert verilog.count("module microcore_fabric")
    assert "m_axi_" not in verilog      # built without --dma: no DMA master to leave unconnected
    assert (project / "rtl" / "picorv32.v").is_file()
    config = (project / "config.tcl").read_text()
    assert "set mc_board {pynq-z1}" in config and "set mc_dma {0}" in config
    calls, _ = run_tcl(project)
    add = find(calls, "add_files -norecurse")[0]
    assert "rtl/microcore_fabric.v" in add and "rtl/picorv32.v" in add


def test_vivado_output_is_summarised(tmp_path):
    """run_vivado on a fake vivado: phases and WNS reported, the products checked."""
    fake = tmp_path / "vivado"
    fake.write_text("#!/bin/sh\n"
                    "echo 'MICROCORE: phase synthesis'\necho 'INFO: noise'\n"
                    "echo 'CRITICAL WARNING: [Timing 38-282] something'\n"
                    "echo 'MICROCORE: phase routing'\necho 'MICROCORE: wns -0.250'\n"
                    "touch microcore.bit microcore.hwh\n")
    fake.chmod(0o755)
    out = io.StringIO()
    result = bitstream.run_vivado(tmp_path, vivado=str(fake), stream=out)
    text = out.getvalue()
    assert "synthesis" in text and "routing" in text and "INFO" not in text
    assert "CRITICAL WARNING" in text
    assert result.wns == -0.25 and "NOT met" in text
    assert result.bitfile == tmp_path / "microcore.bit"
    (tmp_path / "microcore.bit").unlink()
    fake.write_text("#!/bin/sh\necho 'ERROR: [Synth 8-439] module not found'\nexit 1\n")
    with pytest.raises(bitstream.BitstreamError, match="Synth 8-439"):
        bitstream.run_vivado(tmp_path, vivado=str(fake), stream=io.StringIO())


def test_unknown_board_in_python(tmp_path):
    with pytest.raises(ValueError, match="board must be one of pynq-z1, pynq-z2"):
        bitstream.write_project(tmp_path, board="zedboard")
