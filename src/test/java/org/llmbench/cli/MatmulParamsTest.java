package org.llmbench.cli;

import org.junit.jupiter.api.Test;
import org.llmbench.LlmbenchException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** MatmulBenchmark's -p values are checked before any fork, like the engine benchmarks'. */
class MatmulParamsTest {
    @Test
    void backendAcceptsTheUnionOfEngineAndGemmBackends() {
        ParamCheck.check(List.of("-p", "backend=jvm,torch,cublas", "-p", "dtype=fp32,fp16,bf16,int8", "-p", "n=1,2048", "-p", "m=0,1", "-p", "k=0"));
        LlmbenchException e = assertThrows(LlmbenchException.class, () -> ParamCheck.check(List.of("-p", "backend=cuda")));
        assertEquals("Unknown backend 'cuda'; valid backends are jvm, torch, torch-cuda (engine benchmarks) and jvm, torch, cublas (MatmulBenchmark).", e.getMessage());
    }

    @Test
    void badDtypeAndSizesAreOneSentence() {
        assertEquals("Unknown dtype 'fp8'; valid dtypes are fp32, fp16, bf16, int8.",
                assertThrows(LlmbenchException.class, () -> ParamCheck.check(List.of("-p", "dtype=fp32,fp8"))).getMessage());
        assertTrue(assertThrows(LlmbenchException.class, () -> ParamCheck.check(List.of("-p", "n=0"))).getMessage()
                .startsWith("n '0' is invalid"));
        assertTrue(assertThrows(LlmbenchException.class, () -> ParamCheck.check(List.of("-p", "m=-1"))).getMessage()
                .startsWith("m '-1' is invalid"));
    }
}
