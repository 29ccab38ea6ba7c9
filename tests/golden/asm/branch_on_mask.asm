mark_odd:
      d0:  49 83 ee 01                    sub r14,1
      d4:  72 4a                          jb short 0x0000000000000120
      d6:  48 83 fe 00                    cmp rsi,0
      da:  7f 0a                          jg short 0x00000000000000E6
      dc:  b8 00 00 00 00                 mov eax,0
      e1:  49 83 c6 01                    add r14,1
      e5:  c3                             ret
      e6:  49 3b 67 20                    cmp rsp,[r15+0x20]
      ea:  72 34                          jb short 0x0000000000000120
      ec:  b8 00 00 00 00                 mov eax,0
      f1:  66 0f 1f 84 00 00 00 00 00     nop [rax+rax]
      fa:  66 0f 1f 44 00 00              nop [rax+rax]
     100:  48 f7 c0 01 00 00 00           test rax,1
     107:  74 04                          je short 0x000000000000010D
     109:  c6 04 07 01                    mov byte ptr [rdi+rax],1
     10d:  48 8d 40 01                    lea rax,[rax+1]
     111:  48 39 f0                       cmp rax,rsi
     114:  7c ea                          jl short 0x0000000000000100
     116:  b8 00 00 00 00                 mov eax,0
     11b:  49 83 c6 01                    add r14,1
     11f:  c3                             ret
     120:  49 c7 47 18 04 00 00 00        mov qword ptr [r15+0x18],4
     128:  e9 46 ff ff ff                 jmp 0x0000000000000073

